import { limitError } from '../errors';

/** The default longest string of a run (ChariotLimits.maxStringLength). */
export const DEFAULT_MAX_STRING = 16 * 1024 * 1024;

/**
 * The text a conversion (toDisplay, toJson) may still produce. Shared values make a value's
 * text exponential in the value's size (`a = [a, a]` twenty times over is a million elements
 * of text, forty times is beyond any machine): a conversion counts what it produces (at least
 * a character a value, a string's length, a key's) and stops with STRING_LIMIT once past the
 * limit, before it builds the rest.
 */
export class TextBudget {
  private left: number;

  constructor(readonly limit = DEFAULT_MAX_STRING) {
    this.left = limit;
  }

  spend(chars: number): void {
    if ((this.left -= chars) < 0)
      throw limitError('STRING_LIMIT', `string length limit exceeded (${this.limit} characters)`);
  }
}

import type { Scope } from '../evaluator/scope';
import { ChObject, Value } from './values';

/** Compiled body of a function: runs in a fresh scope whose parameters are already bound. */
export type FunctionCode = (scope: Scope) => Value;

/** A Chariot function value (`func(a, b){…}` or `function(params, 'body')`). */
export class ChFunction extends ChObject {
  readonly typeCode = 'F';
  constructor(
    readonly params: string[],
    readonly code: FunctionCode,
    /** The scope the function was defined in (closures see it, not the caller's). */
    readonly scope: Scope,
    public name?: string,
  ) {
    super();
  }
}

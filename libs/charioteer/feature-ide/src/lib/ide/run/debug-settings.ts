import { signal } from '@angular/core';
import type { BreakpointLike, DebugChanges } from '@chariot/contract';
import type { BreakpointOptions, BreakpointOptionsChange } from '@chariot/charioteer-ui';

/**
 * What the user asks of the debugger besides where the breakpoints are (the editor's gutter
 * keeps their lines): each breakpoint's condition, hit condition or log message, and the watch
 * expressions. A run takes them when it starts and with every action sent while paused.
 */
export class DebugSettings {
  readonly watches = signal<readonly string[]>([]);
  /** Options by breakpoint line; a line without options is a plain breakpoint. */
  readonly options = signal<Readonly<Record<number, BreakpointOptions>>>({});

  setOptions({ line, options }: BreakpointOptionsChange): void {
    const next = { ...this.options() };
    if (Object.keys(options).length > 0) next[line] = options;
    else delete next[line];
    this.options.set(next);
  }

  /** The breakpoints at `lines` as the API takes them: a bare line, or a line with its options. */
  breakpoints(lines: readonly number[]): BreakpointLike[] {
    const options = this.options();
    return lines.map((line) => (options[line] ? { line, ...options[line] } : line));
  }

  /** What a debug action sends besides the action. */
  changes(lines: readonly number[]): DebugChanges {
    return { breakpoints: this.breakpoints(lines), watches: [...this.watches()] };
  }
}

import type { DebugAction, DebugOptions, DebugResume } from './debug-types';
import type { Scope } from './scope';
import { isThenable } from './suspend';

/**
 * Decides, before each statement of a debugged run, whether the run pauses there: on a
 * breakpoint line, or where the last action asked to (`step`: another line or depth;
 * `step_over`: the same, no deeper than the pause; `step_out`: shallower than the pause).
 *
 * A pause "holds" its line at its call depth: further statements on that line and depth run on
 * (so `a; b; c` on one line pauses once, even when `a` calls a function) until a statement of
 * another line runs at that depth, the frame returns, or a new pass starts at that depth (a loop
 * iteration, a call), so a loop body on one line pauses on every iteration.
 */
export class Debugger {
  private breakpoints: ReadonlySet<number>;
  private action: DebugAction;
  private pausedDepth = 0;
  /** Per call depth, the line held there (0: none); only the frames on the stack. */
  private readonly heldLines: number[] = [];

  /**
   * `pause` reports a pause at a statement about to run in `scope` and returns (or resolves to),
   * once the user has decided, what to do next. `canPause` is false where the run could not
   * wait for a promise (inside a builtin's callback): no pause is reported there.
   */
  constructor(
    options: DebugOptions,
    private readonly pause: (line: number, column: number, depth: number, scope: Scope) => DebugResume | PromiseLike<DebugResume>,
    private readonly canPause: () => boolean = () => true,
  ) {
    this.breakpoints = new Set(options.breakpoints);
    // stopping on entry is a step taken before the first statement
    this.action = options.stopOnEntry ? 'step' : 'continue';
  }

  /**
   * Called before every statement: undefined when the run goes on at once, else a promise that
   * settles once it may go on (the run suspends until then).
   */
  beforeStatement(line: number, column: number, depth: number, scope: Scope): PromiseLike<unknown> | undefined {
    const held = this.heldLines;
    // frames deeper than this statement's have returned: their holds go with them
    if (held.length > depth + 1) held.length = depth + 1;
    const heldHere = depth < held.length && held[depth] === line;
    if (!heldHere && depth < held.length) held[depth] = 0;
    if (!this.wantsPause(line, depth, heldHere) || !this.canPause()) return undefined;
    while (held.length < depth) held.push(0);
    held[depth] = line;
    this.pausedDepth = depth;
    const resume = this.pause(line, column, depth, scope);
    if (isThenable(resume)) return resume.then((r) => this.apply(r));
    this.apply(resume);
    return undefined;
  }

  private apply(resume: DebugResume): void {
    if (typeof resume === 'string') {
      this.action = resume;
    } else {
      this.action = resume.action;
      if (resume.breakpoints) this.breakpoints = new Set(resume.breakpoints);
    }
  }

  /** A new pass over statements at `depth` starts (loop iteration, function call): its hold ends. */
  newPass(depth: number): void {
    if (depth < this.heldLines.length) this.heldLines[depth] = 0;
  }

  private wantsPause(line: number, depth: number, heldHere: boolean): boolean {
    if (this.breakpoints.has(line) && !heldHere) return true;
    // still on the line paused at, in the same pass
    const samePlace = heldHere && depth === this.pausedDepth;
    switch (this.action) {
      case 'continue':
        return false;
      case 'step':
        return !samePlace;
      case 'step_over':
        return !samePlace && depth <= this.pausedDepth;
      case 'step_out':
        return depth < this.pausedDepth;
    }
  }
}

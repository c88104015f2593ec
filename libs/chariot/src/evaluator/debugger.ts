import { Breakpoint, Breakpoints } from './breakpoints';
import type { DebugAction, DebugOptions, DebugResume } from './debug-types';
import type { Scope } from './scope';
import { isThenable } from './suspend';

/** A call on the stack as the debugger last saw it: the statement it runs and its scope. */
export interface FrameState {
  name: string;
  line: number;
  column: number;
  scope: Scope;
}

/** How the debugger evaluates the user's breakpoint conditions and logpoint messages (probe.ts, wired in run.ts). */
export interface BreakpointProbes {
  /** Whether the condition holds in `scope`; throws when it cannot be evaluated. */
  holds(condition: string, scope: Scope): boolean;
  /** Writes a logpoint's message, its `{expression}`s evaluated in `scope`; a promise asks the run to wait. */
  log(message: string, scope: Scope): unknown;
  /** Tells the user a condition failed (the breakpoint then pauses, so the failure is seen). */
  warn(message: string): void;
}

/**
 * Decides, before each statement of a debugged run, whether the run pauses there: on a
 * breakpoint line (where its condition holds and its hit condition takes this hit), or where
 * the last action asked to (`step`: another line or depth; `step_over`: the same, no deeper than
 * the pause; `step_out`: shallower than the pause). A logpoint writes its message instead.
 *
 * A pause "holds" its line at its call depth: further statements on that line and depth run on
 * (so `a; b; c` on one line pauses once, even when `a` calls a function) until a statement of
 * another line runs at that depth, the frame returns, or a new pass starts at that depth (a loop
 * iteration, a call), so a loop body on one line pauses on every iteration. A logpoint holds its
 * line the same way: it logs once per pass.
 *
 * It also keeps the call stack (the last statement seen at each depth and the name of the
 * call that made it) for the pause to report.
 */
export class Debugger {
  private breakpoints: Breakpoints;
  private action: DebugAction;
  private pausedDepth = 0;
  /** Per call depth, the line held there (0: none); only the frames on the stack. */
  private readonly heldLines: number[] = [];
  /** Per call depth, the frame running there (a hole where a call runs unchecked code). */
  private readonly stack: (FrameState | undefined)[] = [];
  /** Per call depth, the name of the call entered there and not yet seen running a statement. */
  private readonly callees: (string | undefined)[] = [];

  /**
   * `pause` reports a pause at a statement about to run in `scope` and returns (or resolves to),
   * once the user has decided, what to do next. `canPause` is false where the run could not
   * wait for a promise (inside a builtin's callback): no pause is reported there.
   */
  constructor(
    options: DebugOptions,
    private readonly pause: (
      line: number,
      column: number,
      depth: number,
      stack: readonly (FrameState | undefined)[],
    ) => DebugResume | PromiseLike<DebugResume>,
    private readonly canPause: () => boolean = () => true,
    private readonly probes?: BreakpointProbes,
  ) {
    this.breakpoints = new Breakpoints(options.breakpoints);
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
    this.track(line, column, depth, scope);
    let wait: unknown;
    let pause = false;
    const bp = heldHere ? undefined : this.breakpoints.at(line);
    if (bp !== undefined && this.takesEffect(bp, scope)) {
      if (bp.logMessage === undefined) pause = true;
      else {
        wait = this.probes?.log(bp.logMessage, scope);
        this.hold(line, depth);
      }
    }
    if (!(pause || this.stepWants(line, depth, heldHere)) || !this.canPause())
      return isThenable(wait) && this.canPause() ? wait : undefined;
    this.hold(line, depth);
    this.pausedDepth = depth;
    const resume = this.pause(line, column, depth, this.stack);
    if (isThenable(resume)) return resume.then((r) => this.apply(r));
    this.apply(resume);
    return undefined;
  }

  /** A user function is about to be called from `callerDepth`: frames deeper than the caller are gone. */
  enterCall(name: string, callerDepth: number): void {
    if (this.stack.length > callerDepth + 1) this.stack.length = callerDepth + 1;
    this.callees[callerDepth + 1] = name;
  }

  /** A new pass over statements at `depth` starts (loop iteration, function call): its hold ends. */
  newPass(depth: number): void {
    if (depth < this.heldLines.length) this.heldLines[depth] = 0;
  }

  private track(line: number, column: number, depth: number, scope: Scope): void {
    const stack = this.stack;
    if (stack.length > depth + 1) stack.length = depth + 1;
    const frame = stack[depth];
    if (frame !== undefined) {
      frame.line = line;
      frame.column = column;
      frame.scope = scope;
      return;
    }
    const name = depth === 0 ? 'main' : (this.callees[depth] ?? '(function)');
    this.callees[depth] = undefined;
    stack[depth] = { name, line, column, scope };
  }

  private hold(line: number, depth: number): void {
    const held = this.heldLines;
    while (held.length < depth) held.push(0);
    held[depth] = line;
  }

  /** Counts a hit where the condition holds; true when that hit takes effect. A failing condition takes effect. */
  private takesEffect(bp: Breakpoint, scope: Scope): boolean {
    if (bp.condition !== undefined && this.probes) {
      try {
        if (!this.probes.holds(bp.condition, scope)) return false;
      } catch (e) {
        this.probes.warn(
          `breakpoint condition on line ${bp.line} (${bp.condition}) failed: ${e instanceof Error ? e.message : String(e)}`,
        );
        return true;
      }
    }
    return bp.hitTakesEffect(++bp.hits);
  }

  private apply(resume: DebugResume): void {
    if (typeof resume === 'string') {
      this.action = resume;
    } else {
      this.action = resume.action;
      if (resume.breakpoints) this.breakpoints = new Breakpoints(resume.breakpoints, this.breakpoints);
    }
  }

  private stepWants(line: number, depth: number, heldHere: boolean): boolean {
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

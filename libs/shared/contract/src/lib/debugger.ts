/**
 * The debugger's richer objects, after VS Code's Debug Adapter Protocol: breakpoints with a
 * condition, a hit condition or a log message (SourceBreakpoint), the call stack of a pause
 * (StackFrame, in execution.ts beside the pause) and watch expressions evaluated at each pause.
 */

/**
 * A breakpoint with options; a bare line number (the original form, still accepted everywhere
 * breakpoints are) is a breakpoint without any.
 */
export interface Breakpoint {
  /** 1-based line. */
  line: number;
  /** A Chariot expression: the breakpoint takes effect only where it is truthy (read-only, like a watch). */
  condition?: string;
  /**
   * Which hits take effect, hits counted where the condition held: `N` or `==N` the Nth only,
   * `>=N` the Nth and later, `%N` every Nth.
   */
  hitCondition?: string;
  /**
   * Makes it a logpoint: instead of pausing, the run logs this message (INFO) with each
   * `{expression}` replaced by its value; `{{` and `}}` are literal braces.
   */
  logMessage?: string;
}

/** A breakpoint as the API takes it: a line, or a line with options. */
export type BreakpointLike = number | Breakpoint;

/** The hit conditions the API accepts (see Breakpoint.hitCondition). */
export const HIT_CONDITION_PATTERN = /^\s*(==|>=|%)?\s*\d+\s*$/;
/** Longest condition, hit condition, log message or watch expression, in characters. */
export const MAX_DEBUG_EXPRESSION_CHARS = 1000;
/** Most watch expressions of one run. */
export const MAX_WATCHES = 50;

/** The line of a breakpoint in either form. */
export function breakpointLine(b: BreakpointLike): number {
  return typeof b === 'number' ? b : b.line;
}

/**
 * A watch expression's value in the paused frame, or why it has none. Watches are evaluated
 * read-only: an expression that could change the run (an assignment, a call of a function of
 * the script or of a builtin that writes, logs, sleeps…) is refused with an error, not run.
 */
export interface WatchResult {
  expression: string;
  /** `typeOf` code of the value. */
  type?: string;
  /** The value as `string()` prints it, cut like a variable's. */
  value?: string;
  truncated?: boolean;
  error?: string;
}

/** What a debug request changes besides the action: the breakpoints, the watches, from then on. */
export interface DebugChanges {
  breakpoints?: BreakpointLike[];
  watches?: string[];
}

/**
 * What a debugged run and its host exchange (the contract's debug types, mirrored: the language
 * library does not import the contract). The decision logic is debugger.ts.
 */
import type { VariableSnapshot } from './snapshot';

/**
 * A breakpoint with options, after VS Code's Debug Adapter Protocol (SourceBreakpoint). With
 * none of them it is a plain breakpoint; a bare line number means the same.
 */
export interface BreakpointSpec {
  /** 1-based line. */
  line: number;
  /** An expression: the breakpoint takes effect only where it is truthy. */
  condition?: string;
  /**
   * Which hits take effect (hits counted where the condition held): `N` or `==N` the Nth only,
   * `>=N` the Nth and later, `%N` every Nth.
   */
  hitCondition?: string;
  /** A logpoint: logs this message, each `{expression}` in it replaced by its value, and does not pause. */
  logMessage?: string;
}

/** A breakpoint line, or one with options. */
export type BreakpointLike = number | BreakpointSpec;

/** Mirrors the server contract's DebugOptions. */
export interface DebugOptions {
  breakpoints: readonly BreakpointLike[];
  /** Pause before the first statement, as if it held a breakpoint. */
  stopOnEntry?: boolean;
  /** Expressions evaluated (read-only) in the paused frame at each pause. */
  watches?: readonly string[];
}

/** What a paused run does next (the contract's DEBUG_ACTIONS). */
export type DebugAction = 'continue' | 'step' | 'step_over' | 'step_out';

/** A host's answer to a pause: the action, and the breakpoints or watches from then on when the user changed them. */
export type DebugResume =
  | DebugAction
  | { action: DebugAction; breakpoints?: readonly BreakpointLike[]; watches?: readonly string[] };

/** One call on the stack of a paused run (the contract's StackFrame). */
export interface StackFrame {
  /** The called function's name as the call wrote it; `main` for the program's top level. */
  name: string;
  /** The statement this frame runs (the call it waits for, below the innermost). */
  line: number;
  column: number;
  depth: number;
  /** Innermost scope first, shadowed names once. */
  variables: VariableSnapshot[];
}

/** A watch expression's value in the paused frame, or why it has none. */
export interface WatchResult {
  expression: string;
  /** `typeOf` code of the value. */
  type?: string;
  /** What `string()` prints for it, cut like a variable's value. */
  value?: string;
  truncated?: boolean;
  error?: string;
}

/** Where a run paused and what it can see there (the contract's PausedEvent). */
export interface PauseEvent {
  line: number;
  column: number;
  /** Call depth: 0 at the program's top level. */
  depth: number;
  /** Innermost scope first, shadowed names once (the innermost frame's). */
  variables: VariableSnapshot[];
  /** The call stack, innermost first (frames[0] is where it paused); the outermost ones cut past a limit. */
  frames: StackFrame[];
  /** The watch expressions, in order, evaluated in the innermost frame. */
  watches: WatchResult[];
}

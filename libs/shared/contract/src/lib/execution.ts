import type { BreakpointLike, WatchResult } from './debugger';
import { ApiErrorBody } from './envelope';

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const EXECUTION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'interrupted',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Statuses after which an execution never changes again. */
export const FINAL_STATUSES: readonly ExecutionStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'interrupted',
];

export function isFinalStatus(status: ExecutionStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** One log line as it travels in an SSE `data:` frame; `seq` is also the frame's `id:`. */
export interface LogEntry {
  seq: number;
  timestamp: string;
  level: LogLevel;
  message: string;
}

/**
 * `event: status` frame: a lifecycle change, never disguised as a log line. The first frame of
 * every stream; a queued execution sends a second one, `running`, when it gets its place.
 */
export interface StatusEvent {
  status: ExecutionStatus;
}

/** `event: progress` frame sent by the `progress(percent [, message])` builtin. */
export interface ProgressEvent {
  percent: number;
  message: string;
}

/** `event: done` frame: the last frame of every stream. */
export interface DoneEvent {
  status: ExecutionStatus;
  result?: unknown;
  error?: ApiErrorBody;
}

export interface ExecutionStarted {
  execution_id: string;
}

/** 202 PENDING of GET /api/result/:id: `queued` (not started yet: started_at null) or `running`. */
export interface ExecutionPending {
  execution_id: string;
  status: ExecutionStatus;
  started_at: string | null;
}

export interface ExecutionSummary {
  id: string;
  owner: string;
  status: ExecutionStatus;
  program: string;
  /** The saved file the program came from, when the client that started it named one. */
  file?: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  entry_count: number;
  /** Entries the script wrote past its log cap: counted, not stored. */
  dropped_count: number;
  progress?: ProgressEvent;
  result?: unknown;
  error?: ApiErrorBody;
}

/**
 * The runtime inspector: a variable the script left defined at its top level (or with
 * `declareGlobal`) when it ended, successfully or not. Only GET /api/executions/:id carries
 * them, as `variables` (null for runs that ended without a snapshot: cancelled, timed out,
 * interrupted, or stored before the inspector existed).
 */
export interface VariableSnapshot {
  name: string;
  /** `typeOf` code: N S L A M T J X F H P E R V. */
  type: string;
  /** The value as `string()` prints it, cut at VARIABLE_PREVIEW_CHARS characters. */
  value: string;
  truncated: boolean;
  /**
   * `global`: made with declareGlobal; `program`: the program's top level; `local`: a function's
   * or block's scope (only in a debugger pause, innermost first).
   */
  scope: 'global' | 'program' | 'local';
}

/** Longest `value` text of a VariableSnapshot. */
export const VARIABLE_PREVIEW_CHARS = 1000;
/** Most variables kept per execution (globals first, then by name). */
export const MAX_VARIABLE_SNAPSHOTS = 500;

export interface ExecutionDetail extends ExecutionSummary {
  variables: VariableSnapshot[] | null;
  /** Where a debugged run is paused right now; null otherwise. */
  paused: PausedEvent | null;
}

/** SSE event names used on GET /api/logs/:execId besides the default log `message`. */
export const SSE_EVENTS = {
  status: 'status',
  progress: 'progress',
  paused: 'paused',
  resumed: 'resumed',
  done: 'done',
} as const;

/**
 * The debugger. A run started with `debug` (POST /api/execute-async) pauses before the first
 * statement of a line that holds a breakpoint, and after a step. While it is paused its wall
 * clock stands still; a pause longer than the configured limit ends the run as `timed_out`.
 */
export interface DebugOptions {
  /** 1-based line numbers, or breakpoints with a condition, hit condition or log message. */
  breakpoints: BreakpointLike[];
  /** Pause before the first statement, as if it held a breakpoint. */
  stopOnEntry?: boolean;
  /** Expressions evaluated (read-only) in the paused frame at each pause. */
  watches?: string[];
}

/**
 * What a paused run does next. `step`: pause at the next statement on another line, even
 * inside a called function; `step_over`: the same, but not deeper than the current call;
 * `step_out`: the next statement after the current function returns; `continue`: run to
 * the next breakpoint.
 */
export const DEBUG_ACTIONS = ['continue', 'step', 'step_over', 'step_out'] as const;
export type DebugAction = (typeof DEBUG_ACTIONS)[number];

/** POST /api/executions/:id/debug: what a paused run does next. */
export interface DebugRequest {
  action: DebugAction;
  /** Replaces the run's breakpoints before it goes on: set or cleared while paused. */
  breakpoints?: BreakpointLike[];
  /** Replaces the run's watch expressions from the next pause on. */
  watches?: string[];
}

/**
 * `event: paused` frame (also sent to a client that connects while the run is paused): the
 * statement about to run, the call depth (0 at the top level) and the variables visible there.
 */
export interface PausedEvent {
  line: number;
  column: number;
  depth: number;
  /** Locals innermost first, then the program's, then globals; shadowed names appear once (frames[0]'s). */
  variables: VariableSnapshot[];
  /**
   * The call stack, innermost first (frames[0] is where it paused); past 32 calls the outermost
   * are cut. Always sent by this server; optional so that readers of a bare pause still type-check.
   */
  frames?: StackFrame[];
  /** The run's watch expressions, in order, evaluated in frames[0] (always sent, like frames). */
  watches?: WatchResult[];
}

/** One call on the stack of a paused run. */
export interface StackFrame {
  /** The called function's name as the call wrote it; `main` for the program's top level. */
  name: string;
  /** The statement this frame runs: where it paused (innermost) or the call it waits for. */
  line: number;
  column: number;
  /** Call depth: 0 for `main`. */
  depth: number;
  /** The variables visible from this frame, innermost scope first, shadowed names once. */
  variables: VariableSnapshot[];
}

/** `event: resumed` frame: the run goes on after a pause (data: the action taken). */
export interface ResumedEvent {
  action: DebugAction;
}

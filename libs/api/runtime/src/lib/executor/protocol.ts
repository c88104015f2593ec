import type { ChariotLimits, VariableSnapshot } from '@chariot/language';
import type { ApiErrorBody, BreakpointLike, DebugAction, DebugOptions, LogLevel, PausedEvent } from '@chariot/contract';

/**
 * Messages between the main thread and an executor thread. Every message names the execution
 * it is about, because one thread hosts many executions at once.
 */

/** What the main thread hands an executor thread to start one execution. */
export interface StartRun {
  type: 'start';
  id: string;
  program: string;
  limits: Partial<ChariotLimits>;
  /** Variables the script may read with getEnv (the operator's allow-list, already applied). */
  env: Record<string, string>;
  maxLogEntries: number;
  maxLogBytes: number;
  /** Bytes of values the execution may hold before it fails with MEMORY_LIMIT. */
  memoryBytes: number;
  /** Longest result, as JSON in UTF-8 bytes; past it: RESULT_TOO_LARGE. */
  maxResultBytes: number;
  /** Longest error or progress message in UTF-8 bytes; past it the message is cut. */
  maxMessageBytes: number;
  /** Run under the debugger; absent for an ordinary run. */
  debug?: DebugOptions;
}

/** Ends a debugger pause with the user's action (and the breakpoints or watches from then on, when changed). */
export interface ResumeRun {
  type: 'resume';
  id: string;
  action: DebugAction;
  breakpoints?: BreakpointLike[];
  watches?: string[];
}

/** The main thread has taken in the log batches of these executions (one id per batch). */
export interface LogsTaken {
  type: 'ack';
  ids: string[];
}

export type ToExecutor = StartRun | ResumeRun | LogsTaken;

/**
 * Sent on the thread's control port, and announced through the control counter, so it reaches
 * a run that computes inside a builtin's callback, where the thread's event loop cannot turn.
 */
export interface StopRun {
  type: 'stop';
  id: string;
}

export interface LogLine {
  level: LogLevel;
  message: string;
  timestamp: number;
}

/** Log lines of one or more executions, in the order each wrote them. */
export interface LogBatches {
  type: 'logs';
  batches: [id: string, lines: LogLine[]][];
}

export type FromExecutor =
  | LogBatches
  | { type: 'progress'; id: string; percent: number; message: string }
  /** The run waits for a ResumeRun. */
  | ({ type: 'paused'; id: string } & PausedEvent)
  /** The value as JSON text, serialised and size-checked on the executor thread. */
  | { type: 'done'; id: string; ok: true; valueJson: string; droppedEntries: number; variables: VariableSnapshot[] }
  /** `variables` is null when the failure did not come from the script (nothing to inspect). */
  | {
      type: 'done';
      id: string;
      ok: false;
      error: ApiErrorBody;
      droppedEntries: number;
      variables: VariableSnapshot[] | null;
    };

/** Index of the Int32 the main thread bumps each time it posts a StopRun on the control port. */
export const STOPS_POSTED = 0;
export const CONTROL_BYTES = 4;

/** Log batches of one execution posted and not yet taken in; past it the execution waits. */
export const MAX_BATCHES_IN_FLIGHT = 4;

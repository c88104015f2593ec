import type { ChariotLimits, JsonValue, VariableSnapshot } from '@chariot/language';
import type { ApiErrorBody, DebugOptions, LogLevel, PausedEvent } from '@chariot/contract';
import { DEBUG_ACTIONS } from '@chariot/contract';

/** What the parent hands a script worker at start. */
export interface WorkerInput {
  program: string;
  limits: Partial<ChariotLimits>;
  /** Variables the script may read with getEnv (the operator's allow-list, already applied). */
  env: Record<string, string>;
  maxLogEntries: number;
  maxLogBytes: number;
  /**
   * Int32 slot STOP_SLOT is set to 1 by the parent to wake a sleeping script and stop it;
   * slot ACK_SLOT counts the log batches the parent has taken in (flow control); slot
   * DEBUG_SLOT carries the action that ends a debugger pause (see encodeAction).
   */
  stopSignal: SharedArrayBuffer;
  /** Run under the debugger; absent for an ordinary run. */
  debug?: DebugOptions;
}

/**
 * Sent by the parent just before it ends a pause, when the user changed the breakpoints: the
 * paused worker cannot take events, so it reads this one off its port synchronously.
 */
export interface WorkerBreakpoints {
  type: 'breakpoints';
  lines: number[];
}

export interface WorkerLogEntry {
  level: LogLevel;
  message: string;
  timestamp: number;
}

export type WorkerMessage =
  | { type: 'logs'; entries: WorkerLogEntry[] }
  | { type: 'progress'; percent: number; message: string }
  /** The script waits on DEBUG_SLOT until the parent writes an action. */
  | ({ type: 'paused' } & PausedEvent)
  | { type: 'done'; ok: true; value: JsonValue; droppedEntries: number; variables: VariableSnapshot[] }
  /** `variables` is null when the failure did not come from the script (nothing to inspect). */
  | { type: 'done'; ok: false; error: ApiErrorBody; droppedEntries: number; variables: VariableSnapshot[] | null };

export const STOP_SLOT = 0;
export const ACK_SLOT = 1;
export const DEBUG_SLOT = 2;
export const CONTROL_BYTES = 12;

/** DEBUG_SLOT holds 0 while a pause waits, then the chosen action's index in DEBUG_ACTIONS plus one. */
export const NO_ACTION = 0;

export function encodeAction(action: (typeof DEBUG_ACTIONS)[number]): number {
  return DEBUG_ACTIONS.indexOf(action) + 1;
}

export function decodeAction(code: number): (typeof DEBUG_ACTIONS)[number] | undefined {
  return DEBUG_ACTIONS[code - 1];
}
/** Log batches a worker may have posted that the parent has not yet taken in. */
export const MAX_BATCHES_IN_FLIGHT = 4;

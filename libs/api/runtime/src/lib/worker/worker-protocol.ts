import type { ChariotLimits, JsonValue } from '@chariot/language';
import type { ApiErrorBody, LogLevel } from '@chariot/contract';

/** What the parent hands a script worker at start. */
export interface WorkerInput {
  program: string;
  limits: Partial<ChariotLimits>;
  /** Variables the script may read with getEnv (the operator's allow-list, already applied). */
  env: Record<string, string>;
  maxLogEntries: number;
  maxLogBytes: number;
  /** Int32 slot 0 is set to 1 by the parent to wake a sleeping script and stop it. */
  stopSignal: SharedArrayBuffer;
}

export interface WorkerLogEntry {
  level: LogLevel;
  message: string;
  timestamp: number;
}

export type WorkerMessage =
  | { type: 'logs'; entries: WorkerLogEntry[] }
  | { type: 'progress'; percent: number; message: string }
  | { type: 'done'; ok: true; value: JsonValue; droppedEntries: number }
  | { type: 'done'; ok: false; error: ApiErrorBody; droppedEntries: number };

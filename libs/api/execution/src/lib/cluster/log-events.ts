import type { DebugAction, DoneEvent, ExecutionStatus, LogEntry, PausedEvent, ProgressEvent } from '@chariot/contract';

/**
 * What the instance running an execution publishes to its Redis Stream each time something is
 * stored or changes: the entries just stored, then the execution's state. Every message carries
 * the whole small state, so a reader that joins late or misses one still ends up right.
 */
export interface PublishedState {
  /**
   * Entries stored since the previous message (consecutive sequence numbers); empty, with
   * `through`, when they were too many bytes to carry (readers read them from PostgreSQL).
   */
  entries: LogEntry[];
  /** Every entry up to this sequence number is stored, when `entries` were left out. */
  through?: number;
  status: ExecutionStatus;
  progress?: ProgressEvent;
  paused: PausedEvent | null;
  lastAction?: DebugAction;
  done?: DoneEvent;
}

/** The Redis Stream of one execution's live log. */
export function logStreamKey(executionId: string): string {
  return `chariot:log:${executionId}`;
}

/**
 * Stream ids are `<stored sequence number>-<k>`, k counting messages at that number from 1, so a
 * reader that has everything up to sequence number n from PostgreSQL reads on from `n-0`.
 */
export function streamIdAfter(seq: number): string {
  return `${seq}-0`;
}

import type { DoneEvent, ExecutionStatus, LogEntry, ProgressEvent } from '@chariot/contract';

/** What a subscriber of one execution's stream receives, in order. */
export type StreamEvent =
  | { kind: 'entry'; entry: LogEntry }
  | { kind: 'status'; status: ExecutionStatus; lastSeq: number }
  | { kind: 'progress'; progress: ProgressEvent; lastSeq: number }
  | { kind: 'done'; done: DoneEvent; lastSeq: number };

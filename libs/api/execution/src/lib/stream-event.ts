import type { DoneEvent, ExecutionStatus, LogEntry, PausedEvent, ProgressEvent, ResumedEvent } from '@chariot/contract';

/** What a subscriber of one execution's stream receives, in order. */
export type StreamEvent =
  | { kind: 'entry'; entry: LogEntry }
  | { kind: 'status'; status: ExecutionStatus; lastSeq: number }
  | { kind: 'progress'; progress: ProgressEvent; lastSeq: number }
  | { kind: 'paused'; paused: PausedEvent; lastSeq: number }
  | { kind: 'resumed'; resumed: ResumedEvent; lastSeq: number }
  | { kind: 'done'; done: DoneEvent; lastSeq: number };

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

/** `event: status` frame: a lifecycle change, never disguised as a log line. */
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

export interface ExecutionPending {
  execution_id: string;
  status: ExecutionStatus;
  started_at: string;
}

export interface ExecutionSummary {
  id: string;
  owner: string;
  status: ExecutionStatus;
  program: string;
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

/** SSE event names used on GET /api/logs/:execId besides the default log `message`. */
export const SSE_EVENTS = {
  status: 'status',
  progress: 'progress',
  done: 'done',
} as const;

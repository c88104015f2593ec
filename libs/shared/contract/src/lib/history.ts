import type { ExecutionSummary, LogEntry } from './execution';

/** GET /api/executions: the caller's executions, newest first. */
export interface ExecutionPage {
  items: ExecutionSummary[];
  total: number;
  limit: number;
  offset: number;
}

/** GET /api/executions/:id/logs: a page of the stored log after `after`. */
export interface LogPage {
  entries: LogEntry[];
  next_after: number;
  has_more: boolean;
}

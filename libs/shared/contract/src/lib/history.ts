import type { ExecutionSummary, LogEntry } from './execution';

/** Characters of a program, and of a result's JSON text, that a list item carries. */
export const LIST_PREVIEW_CHARS = 200;

/**
 * One execution of GET /api/executions. A list never carries programs or results in full (a page
 * of 500 could be half a gigabyte): their first LIST_PREVIEW_CHARS characters and their size in
 * UTF-8 bytes instead. GET /api/executions/{id} has them whole.
 */
export type ExecutionListItem = Omit<ExecutionSummary, 'program' | 'result'> & {
  program_preview: string;
  program_bytes: number;
  /** The start of the result's JSON text, when the execution succeeded. */
  result_preview?: string;
  result_bytes?: number;
};

/** GET /api/executions: the caller's executions, newest first. */
export interface ExecutionPage {
  items: ExecutionListItem[];
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

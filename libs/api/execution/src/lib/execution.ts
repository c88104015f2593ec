import type { ApiErrorBody, ExecutionStatus, ExecutionSummary } from '@chariot/contract';
import type { ScriptRun } from '@chariot/api-runtime';
import { LogStream } from './log-stream';

/** One run of one program for one user, with its log. */
export class Execution {
  status: ExecutionStatus = 'queued';
  readonly createdAt = new Date();
  startedAt: Date | undefined;
  finishedAt: Date | undefined;
  result: unknown;
  error: ApiErrorBody | undefined;
  droppedEntries = 0;
  run: ScriptRun | undefined;
  readonly log = new LogStream();

  constructor(
    readonly id: string,
    readonly ownerId: string,
    readonly owner: string,
    readonly program: string,
  ) {}

  summary(): ExecutionSummary {
    return {
      id: this.id,
      owner: this.owner,
      status: this.status,
      program: this.program,
      created_at: this.createdAt.toISOString(),
      started_at: this.startedAt?.toISOString() ?? null,
      finished_at: this.finishedAt?.toISOString() ?? null,
      entry_count: this.log.lastSeq,
      ...(this.status === 'succeeded' ? { result: this.result } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }
}

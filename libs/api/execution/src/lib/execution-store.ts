import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type {
  ApiErrorBody,
  DoneEvent,
  ExecutionDetail,
  ExecutionListItem,
  ExecutionStatus,
  ExecutionSummary,
  LogEntry,
  LogLevel,
  PausedEvent,
  ProgressEvent,
  VariableSnapshot,
} from '@chariot/contract';
import { LIST_PREVIEW_CHARS } from '@chariot/contract';
import { CLOCK, Clock } from '@chariot/api-common';
import { ChariotDb, DATABASE, ExecutionsTable, postgresPoolOf, sqliteConnectionOf } from '@chariot/api-storage';
import { LogAppend, LogSource, LogWriter } from './log-writer';
import { PostgresAppends } from './postgres-appends';
import { SqliteAppends } from './sqlite-appends';

/**
 * Log rows one group commit stores at most (more when one batch alone is bigger): SQLite writes
 * in this thread, so a group is also how long the event loop waits for it.
 */
const GROUP_ENTRIES = 10_000;

export interface EntryQuery {
  after: number;
  limit: number;
  /** Only entries with a sequence number up to this one (what has been published). */
  upTo?: number;
  levels?: readonly LogLevel[];
  text?: string;
}

/** An execution without its variable snapshot, which only the detail reads, and without its instance. */
export type ExecutionRow = Omit<ExecutionsTable, 'variables_json' | 'instance' | 'log_bytes' | 'file_name'> & {
  /** Left out (or null) when the program was not run from a saved file. */
  file_name?: string | null;
};

/** An execution with its variable snapshot, as its detail reads it. */
export type DetailRow = ExecutionRow & Pick<ExecutionsTable, 'variables_json'>;

/** How an execution ended, as finish() records it. */
export interface ExecutionEnd {
  status: ExecutionStatus;
  result?: unknown;
  error?: ApiErrorBody;
  droppedCount: number;
  /** What the script left defined; null when there is no snapshot (stopped, thread died). */
  variables: VariableSnapshot[] | null;
}

// Written as a record so that the compiler checks it names every column of ExecutionRow.
const ROW_COLUMNS = Object.keys({
  id: true,
  owner_id: true,
  owner: true,
  program: true,
  status: true,
  created_at: true,
  started_at: true,
  finished_at: true,
  result_json: true,
  error_json: true,
  entry_count: true,
  dropped_count: true,
  progress_percent: true,
  progress_message: true,
  file_name: true,
} satisfies Record<keyof ExecutionRow, true>) as (keyof ExecutionRow)[];

const FINAL: ExecutionStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted'];

/** A row as a list reads it: the program and the result as previews and sizes, never whole. */
export type ListedRow = Omit<ExecutionRow, 'program' | 'result_json'> & {
  program_preview: string;
  program_bytes: number;
  result_preview: string | null;
  result_bytes: number | null;
};

const LISTED_COLUMNS = ROW_COLUMNS.filter(
  (c): c is Exclude<keyof ExecutionRow, 'program' | 'result_json'> => c !== 'program' && c !== 'result_json',
);

/** A list item of GET /api/executions. */
export function toListItem(row: ListedRow): ExecutionListItem {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- left out of the item on purpose
  const { program, result, ...summary } = toSummary({ ...row, program: '', result_json: null });
  return {
    ...summary,
    program_preview: row.program_preview,
    program_bytes: Number(row.program_bytes),
    ...(row.result_preview !== null
      ? { result_preview: row.result_preview, result_bytes: Number(row.result_bytes) }
      : {}),
  };
}

export function toSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    owner: row.owner,
    status: row.status as ExecutionStatus,
    program: row.program,
    ...(row.file_name ? { file: row.file_name } : {}),
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    entry_count: Number(row.entry_count),
    dropped_count: Number(row.dropped_count),
    ...(row.progress_percent !== null
      ? { progress: { percent: Number(row.progress_percent), message: row.progress_message ?? '' } }
      : {}),
    ...(row.result_json !== null ? { result: JSON.parse(row.result_json) as unknown } : {}),
    ...(row.error_json !== null ? { error: JSON.parse(row.error_json) as ApiErrorBody } : {}),
  };
}

/** How a stored execution that has ended ended, as its `done` event says it. */
export function toDone(row: ExecutionRow): DoneEvent {
  return {
    status: row.status as ExecutionStatus,
    ...(row.result_json !== null ? { result: JSON.parse(row.result_json) as unknown } : {}),
    ...(row.error_json !== null ? { error: JSON.parse(row.error_json) as ApiErrorBody } : {}),
  };
}

/** The detail of a stored row; `paused` is only known to the live execution, never stored. */
export function toDetail(row: DetailRow, paused: PausedEvent | null = null): ExecutionDetail {
  return {
    ...toSummary(row),
    variables: row.variables_json !== null ? (JSON.parse(row.variables_json) as VariableSnapshot[]) : null,
    paused,
  };
}

/** Executions and their log entries in SQLite or PostgreSQL; the only place that writes them. */
@Injectable()
export class ExecutionStore {
  /**
   * The log of every execution that logs while a write is under way, stored together. A SQLite
   * commit (WAL, synchronous=NORMAL) does not wait for the disk, but its one connection takes one
   * transaction at a time: a hundred executions each logging a line would queue a hundred
   * transactions, and the last line would wait for all of them.
   */
  private readonly logWriter: LogWriter;
  private readonly sqlite: SqliteAppends | undefined;
  private readonly postgres: PostgresAppends | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: ChariotDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const connection = sqliteConnectionOf(db);
    this.sqlite = connection && new SqliteAppends(connection);
    const pool = postgresPoolOf(db);
    this.postgres = pool && new PostgresAppends(pool);
    this.logWriter = new LogWriter((appends) => this.appendGroup(appends), GROUP_ENTRIES);
  }

  /**
   * Stores a new execution, run by `instance` (see AppConfig.instanceId; null: queued in the
   * cluster's shared queue, for whichever instance claims it). With `limits` (PostgreSQL), only
   * while its owner has fewer queued or running executions than `perOwner`, counted under a
   * per-owner lock so that instances starting runs at once cannot both pass, and, with
   * `sharedQueued`, while fewer than that wait in the shared queue; the refusal says which.
   */
  async insert(
    row: ExecutionRow,
    instance: string | null = null,
    limits?: { perOwner: number; sharedQueued?: number },
  ): Promise<'stored' | 'owner-limit' | 'queue-full'> {
    if (!limits) {
      await this.db
        .insertInto('executions')
        .values({ ...row, instance })
        .execute();
      return 'stored';
    }
    return this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${'chariot:executions:' + row.owner_id}))`.execute(trx);
      const active = await trx
        .selectFrom('executions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_id', '=', row.owner_id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (Number(active?.n ?? 0) >= limits.perOwner) return 'owner-limit';
      if (limits.sharedQueued !== undefined) {
        const waiting = await trx
          .selectFrom('executions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'queued')
          .where('instance', 'is', null)
          .executeTakeFirst();
        if (Number(waiting?.n ?? 0) >= limits.sharedQueued) return 'queue-full';
      }
      await trx
        .insertInto('executions')
        .values({ ...row, instance })
        .execute();
      return 'stored';
    });
  }

  /**
   * Takes an execution waiting in the shared queue for `instance`: its row says running there
   * from `startedAt` on. Only one claim of an execution ever succeeds (the row must still be
   * `queued` and nobody's), so a job delivered twice runs once; undefined when it is not there to
   * take (claimed already, cancelled, interrupted or deleted).
   */
  async claim(
    id: string,
    instance: string,
    startedAt: string,
  ): Promise<Pick<ExecutionRow, 'id' | 'owner_id' | 'program'> | undefined> {
    return this.db
      .updateTable('executions')
      .set({ status: 'running', instance, started_at: startedAt })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where('instance', 'is', null)
      .returning(['id', 'owner_id', 'program'])
      .executeTakeFirst();
  }

  /** Executions waiting in the shared queue since before `createdBefore` (ISO), oldest first. */
  async sharedQueuedIds(createdBefore: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('executions')
      .select('id')
      .where('status', '=', 'queued')
      .where('instance', 'is', null)
      .where('created_at', '<', createdBefore)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Ends executions still waiting in the shared queue without running them: `cancelled` by their
   * owner, or `interrupted` when their job was lost; returns how many were still there to end.
   */
  async endQueued(ids: string[], status: 'cancelled' | 'interrupted', error: ApiErrorBody): Promise<number> {
    if (!ids.length) return 0;
    const result = await this.db
      .updateTable('executions')
      .set({ status, finished_at: this.clock.now().toISOString(), error_json: JSON.stringify(error) })
      .where('id', 'in', ids)
      .where('status', '=', 'queued')
      .where('instance', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  get(id: string): Promise<ExecutionRow | undefined> {
    return this.db.selectFrom('executions').select(ROW_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** Who owns an execution (undefined: no such execution). */
  async ownerOf(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('executions').select('owner_id').where('id', '=', id).executeTakeFirst())
      ?.owner_id;
  }

  /** The instance that runs or ran an execution (undefined: unknown, or stored before instances were recorded). */
  async instanceOf(id: string): Promise<string | undefined> {
    return (
      (await this.db.selectFrom('executions').select('instance').where('id', '=', id).executeTakeFirst())?.instance ??
      undefined
    );
  }

  /** The whole row, variable snapshot included. */
  getWithVariables(id: string): Promise<DetailRow | undefined> {
    return this.db
      .selectFrom('executions')
      .select([...ROW_COLUMNS, 'variables_json'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A page of the owner's executions, newest first: programs and results only as previews and sizes. */
  async list(
    ownerId: string,
    status: ExecutionStatus | undefined,
    limit: number,
    offset: number,
  ): Promise<{ items: ListedRow[]; total: number }> {
    let query = this.db.selectFrom('executions').where('owner_id', '=', ownerId);
    if (status) query = query.where('status', '=', status);
    const preview = sql.lit(LIST_PREVIEW_CHARS);
    const [items, count] = await Promise.all([
      query
        .select(LISTED_COLUMNS)
        .select([
          sql<string>`substr(program, 1, ${preview})`.as('program_preview'),
          sql<number>`octet_length(program)`.as('program_bytes'),
          sql<string | null>`substr(result_json, 1, ${preview})`.as('result_preview'),
          sql<number | null>`octet_length(result_json)`.as('result_bytes'),
        ])
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    return { items, total: Number(count?.n ?? 0) };
  }

  /** `source` has log entries (or progress) to store: they go with the next group of the log writer. */
  requestLogWrite(source: LogSource): void {
    this.logWriter.request(source);
  }

  /** Appends a batch of entries in one transaction, with the execution's counters and progress. */
  async appendEntries(executionId: string, entries: LogEntry[], progress: ProgressEvent | undefined): Promise<void> {
    await this.appendGroup([{ executionId, entries, progress }]);
  }

  /**
   * Stores the batches of several executions in one transaction, each with its counters and
   * progress. The rows of an execution whose row is gone are not stored: SQLite's foreign key
   * refuses the group, PostgreSQL leaves them out (see PostgresAppends).
   */
  private async appendGroup(appends: readonly LogAppend[]): Promise<void> {
    if (this.postgres) return this.postgres.append(appends);
    if (!this.sqlite) throw new Error('no database to store log entries in');
    // Kysely's transactions end within the turn they begin in: one open now began in this turn,
    // and the next turn starts after its end.
    while (this.sqlite.connection.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    this.sqlite.append(appends);
  }

  /** A queued execution got its place to run. */
  async markStarted(id: string, startedAt: string): Promise<void> {
    await this.db
      .updateTable('executions')
      .set({ status: 'running', started_at: startedAt })
      .where('id', '=', id)
      .execute();
  }

  async finish(id: string, end: ExecutionEnd): Promise<void> {
    await this.db
      .updateTable('executions')
      .set({
        status: end.status,
        finished_at: this.clock.now().toISOString(),
        result_json: end.status === 'succeeded' ? JSON.stringify(end.result ?? null) : null,
        error_json: end.error ? JSON.stringify(end.error) : null,
        dropped_count: end.droppedCount,
        variables_json: end.variables ? JSON.stringify(end.variables) : null,
      })
      .where('id', '=', id)
      // one that was marked interrupted (its instance stopping, or its lease run out) stays so
      .where('status', 'in', ['queued', 'running'])
      .execute();
  }

  /** UTF-8 bytes of log messages the owner's executions hold (MAX_STORED_BYTES_PER_USER). */
  async storedLogBytes(ownerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('executions')
      .select((eb) => eb.fn.sum<number>('log_bytes').as('bytes'))
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }

  /** Records the bytes of an execution's log once it has ended. */
  async setLogBytes(id: string, bytes: number): Promise<void> {
    await this.db.updateTable('executions').set({ log_bytes: bytes }).where('id', '=', id).execute();
  }

  async readEntries(executionId: string, query: EntryQuery): Promise<LogEntry[]> {
    let q = this.db
      .selectFrom('log_entries')
      .select(['seq', 'timestamp', 'level', 'message'])
      .where('execution_id', '=', executionId)
      .where('seq', '>', query.after);
    if (query.upTo !== undefined) q = q.where('seq', '<=', query.upTo);
    if (query.levels?.length) q = q.where('level', 'in', [...query.levels]);
    if (query.text)
      q = q.where(sql<boolean>`lower(message) like ${'%' + escapeLike(query.text.toLowerCase()) + '%'} escape '\\'`);
    const rows = await q.orderBy('seq').limit(query.limit).execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      timestamp: r.timestamp,
      level: r.level as LogLevel,
      message: r.message,
    }));
  }

  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('log_entries').where('execution_id', '=', id).execute();
      await trx.deleteFrom('executions').where('id', '=', id).execute();
    });
  }

  /**
   * Marks executions a dead process left queued or running; returns how many. Without `scope`
   * every one (a single process owns the database); with `instance`, only that instance's and
   * those stored before instances were recorded; with `withoutLeaseSince`, those of every
   * instance whose lease was not renewed since then (ISO time of the database's clock).
   */
  async markInterrupted(scope?: { instance: string } | { withoutLeaseSince: string }): Promise<number> {
    const error: ApiErrorBody = { code: 'INTERRUPTED', message: 'the server stopped while this execution ran' };
    let query = this.db
      .updateTable('executions')
      .set({ status: 'interrupted', finished_at: this.clock.now().toISOString(), error_json: JSON.stringify(error) })
      .where('status', 'in', ['queued', 'running']);
    if (scope && 'instance' in scope) {
      // A queued row without an instance waits in the cluster's shared queue, for any instance.
      query = query.where((eb) =>
        eb.or([
          eb('instance', '=', scope.instance),
          eb.and([eb('instance', 'is', null), eb('status', '=', 'running')]),
        ]),
      );
    } else if (scope) {
      query = query
        .where('instance', 'is not', null)
        .where('instance', 'not in', (eb) =>
          eb.selectFrom('instance_leases').select('instance').where('renewed_at', '>=', scope.withoutLeaseSince),
        );
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Ended executions older than the cutoff, and beyond the newest `keepPerUser` of each user. */
  async expiredIds(cutoffIso: string, keepPerUser: number): Promise<string[]> {
    const old = await this.db
      .selectFrom('executions')
      .select('id')
      .where('status', 'in', FINAL)
      .where('finished_at', '<', cutoffIso)
      .execute();
    const ranked = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('executions')
          .select(['id', sql<number>`row_number() over (partition by owner_id order by created_at desc)`.as('rank')])
          .where('status', 'in', FINAL)
          .as('ranked'),
      )
      .select('id')
      .where('rank', '>', keepPerUser)
      .execute();
    return [...new Set([...old, ...ranked].map((r) => r.id))];
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('executions')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

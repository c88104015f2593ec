import { Inject, Injectable } from '@nestjs/common';
import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
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
import { ChariotDb, DATABASE, ExecutionsTable, withoutNul } from '@chariot/api-storage';
import { GroupedWrites } from './grouped-writes';

/** Log rows per INSERT statement. */
const INSERT_CHUNK = 100;
/**
 * Log rows one group commit stores at most (more when one batch alone is bigger): SQLite writes
 * in this thread, so a group is also how long the event loop waits for it.
 */
const GROUP_ENTRIES = 10_000;

/**
 * A SQLite text with `rows` rows of five `?` where `build` puts them, written once per row count:
 * the text repeats, so SQLite prepares it once, and building it for every batch cost as much as storing.
 */
function perRowCount(build: (values: string) => string): (rows: number) => string {
  const texts = new Map<number, string>();
  return (rows) => {
    let text = texts.get(rows);
    if (!text) {
      text = build(Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', '));
      texts.set(rows, text);
    }
    return text;
  };
}

/** SQLite's INSERT of `rows` log entries. */
const sqliteInsertText = perRowCount(
  (values) => `insert into "log_entries" ("execution_id", "seq", "timestamp", "level", "message") values ${values}`,
);

/**
 * SQLite's UPDATE of the counters and progress of `rows` executions in one statement, per
 * execution: id, last sequence number (null: no entries), whether progress is given (0/1), percent, message.
 */
const sqliteCounterText = perRowCount(
  (values) =>
    `with c("id", "last_seq", "has_progress", "percent", "message") as (values ${values}) ` +
    `update "executions" set "entry_count" = coalesce(c."last_seq", "executions"."entry_count"), ` +
    `"progress_percent" = case when c."has_progress" then c."percent" else "executions"."progress_percent" end, ` +
    `"progress_message" = case when c."has_progress" then c."message" else "executions"."progress_message" end ` +
    `from c where "executions"."id" = c."id"`,
);

/** One execution's batch of entries (and progress) to store. */
interface PendingAppend {
  executionId: string;
  entries: LogEntry[];
  progress: ProgressEvent | undefined;
}

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
   * Log batches of every execution that logs while a write is under way, stored together. A
   * SQLite commit (WAL, synchronous=NORMAL) does not wait for the disk, but its one connection
   * takes one transaction at a time: a hundred executions each logging a line would queue a
   * hundred transactions, and the last line would wait for all of them.
   */
  private readonly groupedAppends: GroupedWrites<PendingAppend>;

  constructor(
    @Inject(DATABASE) private readonly db: ChariotDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const writeGroup =
      db.getExecutor().adapter instanceof PostgresAdapter
        ? (appends: readonly PendingAppend[]) => this.appendGroup(appends)
        : (appends: readonly PendingAppend[]) => this.appendSqliteGroup(appends);
    this.groupedAppends = new GroupedWrites(
      writeGroup,
      (append) => writeGroup([append]),
      GROUP_ENTRIES,
      (append) => append.entries.length,
    );
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

  /** Appends a batch of entries in one transaction, with the execution's counters and progress. */
  async appendEntries(executionId: string, entries: LogEntry[], progress: ProgressEvent | undefined): Promise<void> {
    await this.groupedAppends.write({ executionId, entries, progress });
  }

  /**
   * SQLite: the batches of a group in one transaction, their rows in multi-row INSERTs of
   * INSERT_CHUNK rows and their executions' counters and progress in UPDATEs of as many. The texts
   * repeat, so each is prepared once, and are written once per row count rather than built by the
   * query builder: this is the path of every log line, and building cost as much as storing. A
   * statement per batch instead made a hundred executions that log a line each hold the event loop
   * for several milliseconds.
   */
  private async appendSqliteGroup(appends: readonly PendingAppend[]): Promise<void> {
    // Raw parameters pass by the NUL filter of the query plugin.
    const rows: unknown[][] = [];
    for (const { executionId, entries } of appends)
      for (const e of entries) rows.push([executionId, e.seq, e.timestamp, e.level, withoutNul(e.message)]);
    const counters = appends.map(({ executionId, entries, progress }) => [
      executionId,
      entries.length ? entries[entries.length - 1].seq : null,
      progress ? 1 : 0,
      progress?.percent ?? null,
      progress ? withoutNul(progress.message) : null,
    ]);
    await this.db.transaction().execute(async (trx) => {
      for (let from = 0; from < rows.length; from += INSERT_CHUNK) {
        const chunk = rows.slice(from, from + INSERT_CHUNK);
        await trx.executeQuery(CompiledQuery.raw(sqliteInsertText(chunk.length), chunk.flat()));
      }
      for (let from = 0; from < counters.length; from += INSERT_CHUNK) {
        const chunk = counters.slice(from, from + INSERT_CHUNK);
        await trx.executeQuery(CompiledQuery.raw(sqliteCounterText(chunk.length), chunk.flat()));
      }
    });
  }

  /**
   * PostgreSQL: the batches of every execution that logs during a write go in one statement and
   * one commit, rows and counters together, their rows as arrays (see GroupedWrites). A
   * transaction per batch would take four round trips and a commit each. The query plugin
   * replaces NUL in the array parameters as in single values.
   */
  private async appendGroup(appends: readonly PendingAppend[]): Promise<void> {
    // An execution's batches are written one after the other (LiveExecution), so each appears once
    // here; two would make the counters' UPDATE pick one of them.
    if (new Set(appends.map((a) => a.executionId)).size !== appends.length)
      throw new Error('one execution twice in a group of log writes');
    const rows = {
      ids: [] as string[],
      seqs: [] as number[],
      timestamps: [] as string[],
      levels: [] as string[],
      messages: [] as string[],
    };
    const counters = {
      ids: [] as string[],
      lastSeqs: [] as (number | null)[],
      hasProgress: [] as boolean[],
      percents: [] as (number | null)[],
      messages: [] as (string | null)[],
    };
    for (const { executionId, entries, progress } of appends) {
      for (const e of entries) {
        rows.ids.push(executionId);
        rows.seqs.push(e.seq);
        rows.timestamps.push(e.timestamp);
        rows.levels.push(e.level);
        rows.messages.push(e.message);
      }
      counters.ids.push(executionId);
      counters.lastSeqs.push(entries.length ? entries[entries.length - 1].seq : null);
      counters.hasProgress.push(progress !== undefined);
      counters.percents.push(progress?.percent ?? null);
      counters.messages.push(progress ? progress.message : null);
    }
    await sql`
      WITH stored AS (
        INSERT INTO log_entries (execution_id, seq, timestamp, level, message)
        SELECT * FROM unnest(${rows.ids}::text[], ${rows.seqs}::integer[], ${rows.timestamps}::text[], ${rows.levels}::text[], ${rows.messages}::text[])
      )
      UPDATE executions AS e SET
        entry_count = COALESCE(c.last_seq, e.entry_count),
        progress_percent = CASE WHEN c.has_progress THEN c.percent ELSE e.progress_percent END,
        progress_message = CASE WHEN c.has_progress THEN c.message ELSE e.progress_message END
      FROM unnest(${counters.ids}::text[], ${counters.lastSeqs}::integer[], ${counters.hasProgress}::boolean[], ${counters.percents}::real[], ${counters.messages}::text[])
        AS c(id, last_seq, has_progress, percent, message)
      WHERE e.id = c.id`.execute(this.db);
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

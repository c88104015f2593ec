import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import { storableText } from '@chariot/api-storage';
import type { LogAppend } from './log-writer';

/** Rows per INSERT statement, and executions per counter UPDATE. */
const CHUNK = 100;

/** SQLite's INSERT of `rows` log entries. */
const insertText = (values: string) =>
  `insert into "log_entries" ("execution_id", "seq", "timestamp", "level", "message") values ${values}`;

/**
 * SQLite's UPDATE of the counters and progress of `rows` executions in one statement, per
 * execution: id, last sequence number (null: no entries), whether progress is given (0/1), percent, message.
 */
const counterText = (values: string) =>
  `with c("id", "last_seq", "has_progress", "percent", "message") as (values ${values}) ` +
  `update "executions" set "entry_count" = coalesce(c."last_seq", "executions"."entry_count"), ` +
  `"progress_percent" = case when c."has_progress" then c."percent" else "executions"."progress_percent" end, ` +
  `"progress_message" = case when c."has_progress" then c."message" else "executions"."progress_message" end ` +
  `from c where "executions"."id" = c."id"`;

/**
 * Stores groups of log batches on a SQLite connection in one synchronous transaction: the rows in
 * multi-row INSERTs of CHUNK rows, the executions' counters and progress in UPDATEs of as many.
 * This is the path of every log line, so it goes around the query builder: its transaction, its
 * promises and the text it builds per query cost more than the statements themselves. Each
 * statement is prepared once per row count.
 */
export class SqliteAppends {
  private readonly inserts = new Map<number, Statement>();
  private readonly counters = new Map<number, Statement>();
  private readonly inOneTransaction: (appends: readonly LogAppend[]) => void;

  constructor(readonly connection: SqliteConnection) {
    this.inOneTransaction = connection.transaction((appends: readonly LogAppend[]) => this.write(appends));
  }

  /** Stores every batch of `appends`, or none (throws the driver's error). Not inside another transaction. */
  append(appends: readonly LogAppend[]): void {
    this.inOneTransaction(appends);
  }

  private write(appends: readonly LogAppend[]): void {
    const rows: unknown[] = [];
    for (const { executionId, entries } of appends)
      for (const e of entries) rows.push(executionId, e.seq, e.timestamp, e.level, storableText(e.message));
    this.runInChunks(this.inserts, insertText, rows);
    const counters: unknown[] = [];
    for (const { executionId, entries, progress } of appends)
      counters.push(
        executionId,
        entries.length ? entries[entries.length - 1].seq : null,
        progress ? 1 : 0,
        progress?.percent ?? null,
        progress ? storableText(progress.message) : null,
      );
    this.runInChunks(this.counters, counterText, counters);
  }

  /** Runs the statement of `build` over `values`, five a row, CHUNK rows at a time. */
  private runInChunks(cache: Map<number, Statement>, build: (values: string) => string, values: unknown[]): void {
    for (let from = 0; from < values.length; from += CHUNK * 5) {
      const chunk = values.slice(from, from + CHUNK * 5);
      this.statement(cache, build, chunk.length / 5).run(chunk);
    }
  }

  /** The statement of `build` for `rows` rows of five values, prepared the first time. */
  private statement(cache: Map<number, Statement>, build: (values: string) => string, rows: number): Statement {
    let statement = cache.get(rows);
    if (!statement) {
      statement = this.connection.prepare(build(Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ')));
      cache.set(rows, statement);
    }
    return statement;
  }
}

import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { storableText } from '@chariot/api-storage';
import type { LogAppend } from './log-writer';

/**
 * Groups of at least this many rows go in with COPY: half PostgreSQL's work per row of an
 * INSERT, for three more round trips (BEGIN, the counters, COMMIT), which only a big group repays.
 */
const COPY_FROM_ROWS = 1000;

/** The executions' counters and progress; answers the ids of the executions it found. */
const COUNTERS = `
  UPDATE executions AS e SET
    entry_count = COALESCE(c.last_seq, e.entry_count),
    progress_percent = CASE WHEN c.has_progress THEN c.percent ELSE e.progress_percent END,
    progress_message = CASE WHEN c.has_progress THEN c.message ELSE e.progress_message END
  FROM unnest($1::text[], $2::integer[], $3::boolean[], $4::real[], $5::text[])
    AS c(id, last_seq, has_progress, percent, message)
  WHERE e.id = c.id
  RETURNING e.id`;

/** A JSON array of one column's values, read back by PostgreSQL as rows. */
const column = (n: number) => `json_array_elements_text($${n}::json)`;

/**
 * The counters and the rows in one statement, the rows of the executions the counters found: the
 * rows travel as one JSON array per column, as JSON.stringify is native where the driver escapes
 * each element of an array parameter in JavaScript (that cost half as much again as PostgreSQL's
 * own work on a flood).
 */
const INSERT_WITH_COUNTERS = `
  WITH counted AS (${COUNTERS}),
  stored AS (
    INSERT INTO log_entries (execution_id, seq, timestamp, level, message)
    SELECT r.id, r.seq::integer, r.timestamp, r.level, r.message
    FROM ROWS FROM (${column(6)}, ${column(7)}, ${column(8)}, ${column(9)}, ${column(10)})
      AS r(id, seq, timestamp, level, message)
    WHERE r.id IN (SELECT id FROM counted)
  )
  SELECT id FROM counted`;

const COPY_ROWS = 'COPY log_entries (execution_id, seq, timestamp, level, message) FROM STDIN';

/** COPY's text format gives these four a backslash escape; every other character is itself. */
const COPY_SPECIAL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const copyText = (text: string): string =>
  text.search(COPY_SPECIAL) < 0 ? text : text.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]);

/**
 * Stores groups of log batches in PostgreSQL, each group in one transaction with its executions'
 * counters and progress: a small group (the live case: many executions, a line or a few each) in
 * one statement and one round trip, a big one (a flood) with COPY. There is no foreign key from
 * the entries to their execution (see migration 009): the entries of an execution whose row is
 * gone (deleted as it ended: it logs no more) are not stored, so none is ever left without one.
 */
export class PostgresAppends {
  constructor(private readonly pool: Pool) {}

  async append(appends: readonly LogAppend[]): Promise<void> {
    // An execution's batches are written one after the other (LiveExecution), so each appears
    // once here; two would make the counters' UPDATE pick one of them.
    if (new Set(appends.map((a) => a.executionId)).size !== appends.length)
      throw new Error('one execution twice in a group of log writes');
    let rows = 0;
    for (const a of appends) rows += a.entries.length;
    if (rows < COPY_FROM_ROWS) {
      await this.pool.query(INSERT_WITH_COUNTERS, [...counters(appends), ...jsonColumns(appends)]);
      return;
    }
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await copy(client, copyRows(appends));
      const counted = await client.query<{ id: string }>(COUNTERS, counters(appends));
      if (counted.rows.length < appends.length) {
        const found = new Set(counted.rows.map((r) => r.id));
        const gone = appends.map((a) => a.executionId).filter((id) => !found.has(id));
        await client.query('DELETE FROM log_entries WHERE execution_id = ANY($1::text[])', [gone]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** Per execution: id, last sequence number (null: no entries), whether progress is given, percent, message. */
function counters(appends: readonly LogAppend[]): unknown[][] {
  const ids: string[] = [];
  const lastSeqs: (number | null)[] = [];
  const hasProgress: boolean[] = [];
  const percents: (number | null)[] = [];
  const messages: (string | null)[] = [];
  for (const { executionId, entries, progress } of appends) {
    ids.push(executionId);
    lastSeqs.push(entries.length ? entries[entries.length - 1].seq : null);
    hasProgress.push(progress !== undefined);
    percents.push(progress?.percent ?? null);
    messages.push(progress ? storableText(progress.message) : null);
  }
  return [ids, lastSeqs, hasProgress, percents, messages];
}

function jsonColumns(appends: readonly LogAppend[]): string[] {
  const ids: string[] = [];
  const seqs: number[] = [];
  const timestamps: string[] = [];
  const levels: string[] = [];
  const messages: string[] = [];
  for (const { executionId, entries } of appends)
    for (const e of entries) {
      ids.push(executionId);
      seqs.push(e.seq);
      timestamps.push(e.timestamp);
      levels.push(e.level);
      messages.push(storableText(e.message));
    }
  return [ids, seqs, timestamps, levels, messages].map((values) => JSON.stringify(values));
}

function copyRows(appends: readonly LogAppend[]): string {
  let text = '';
  for (const { executionId, entries } of appends)
    for (const e of entries)
      text += `${executionId}\t${e.seq}\t${e.timestamp}\t${e.level}\t${copyText(storableText(e.message))}\n`;
  return text;
}

function copy(client: PoolClient, rows: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(COPY_ROWS));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(rows);
  });
}

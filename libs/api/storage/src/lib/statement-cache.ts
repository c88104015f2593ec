import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept; past it the cache starts again (the hot set is a few dozen statements). */
const CAPACITY = 500;
/**
 * Longer texts are multi-row inserts whose text changes with the batch size: caching them
 * would fill the cache with statements that are rarely used twice.
 */
const LONGEST_CACHED = 4096;

/**
 * A SQLite database for Kysely that prepares each SQL text once. Kysely asks for a fresh
 * statement on every query, and compiling it again costs more than running it for the small
 * queries every execution makes. Reusing a statement is safe because each one runs to its end
 * synchronously before another query starts (none of our queries is streamed with iterate).
 */
export function cachingStatements(database: SqliteDatabase): SqliteDatabase {
  const prepared = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      if (sql.length > LONGEST_CACHED) return database.prepare(sql);
      let statement = prepared.get(sql);
      if (!statement) {
        if (prepared.size >= CAPACITY) prepared.clear();
        statement = database.prepare(sql);
        prepared.set(sql, statement);
      }
      return statement;
    },
    close(): void {
      prepared.clear();
      database.close();
    },
  };
}

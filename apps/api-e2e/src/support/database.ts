import SqliteDatabase from 'better-sqlite3';
import { join } from 'node:path';
import { Client } from 'pg';
import { RunningServer } from './server';

/**
 * Opens a running server's own database beside it, the way an operator (or a failing disk) would,
 * runs `work` on its PostgreSQL database or its SQLite file, and closes it again.
 */
async function withServerDatabase<T>(
  server: RunningServer,
  work: { postgres: (client: Client) => Promise<T>; sqlite: (db: SqliteDatabase.Database) => T },
  sqliteOptions?: SqliteDatabase.Options,
): Promise<T> {
  const url = server.env.DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work.postgres(client);
    } finally {
      await client.end();
    }
  }
  const db = new SqliteDatabase(join(server.dataDir, 'chariot.db'), sqliteOptions);
  try {
    return work.sqlite(db);
  } finally {
    db.close();
  }
}

/** Runs SQL on a running server's own database: `sqlite` on its SQLite file, `postgres` on its PostgreSQL database. */
export async function onServerDatabase(
  server: RunningServer,
  statements: { sqlite: string; postgres: string },
): Promise<void> {
  await withServerDatabase(server, {
    postgres: async (client) => void (await client.query(statements.postgres)),
    sqlite: (db) => void db.exec(statements.sqlite),
  });
}

/** The rows a query answers on the server's database (`$1`-style parameters on both). */
export function rowsOnServerDatabase<T>(server: RunningServer, query: string, parameters: unknown[]): Promise<T[]> {
  return withServerDatabase(
    server,
    {
      postgres: async (client) => (await client.query(query, parameters)).rows as T[],
      sqlite: (db) => db.prepare(query.replace(/\$\d+/g, '?')).all(...parameters) as T[],
    },
    { readonly: true },
  );
}

/**
 * Triggers that make the database refuse some writes for good: a log entry whose message holds
 * `poison`, and the end of an execution whose result holds `wedge-result`, or whose program holds
 * `wedge-end` (any end). What a server does when storage keeps failing, on both databases.
 */
export const REFUSING_TRIGGERS = {
  sqlite: `
    CREATE TRIGGER refuse_poison BEFORE INSERT ON log_entries WHEN NEW.message LIKE '%poison%'
      BEGIN SELECT RAISE(ABORT, 'refused by the test: poison'); END;
    CREATE TRIGGER refuse_result BEFORE UPDATE ON executions WHEN NEW.result_json LIKE '%wedge-result%'
      BEGIN SELECT RAISE(ABORT, 'refused by the test: wedge-result'); END;
    CREATE TRIGGER refuse_end BEFORE UPDATE ON executions WHEN NEW.finished_at IS NOT NULL AND NEW.program LIKE '%wedge-end%'
      BEGIN SELECT RAISE(ABORT, 'refused by the test: wedge-end'); END;`,
  postgres: `
    CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER refuse_poison BEFORE INSERT ON log_entries FOR EACH ROW WHEN (NEW.message LIKE '%poison%') EXECUTE FUNCTION refuse();
    CREATE TRIGGER refuse_result BEFORE UPDATE ON executions FOR EACH ROW WHEN (NEW.result_json LIKE '%wedge-result%') EXECUTE FUNCTION refuse();
    CREATE TRIGGER refuse_end BEFORE UPDATE ON executions FOR EACH ROW WHEN (NEW.finished_at IS NOT NULL AND NEW.program LIKE '%wedge-end%') EXECUTE FUNCTION refuse();`,
};

import SqliteDatabase from 'better-sqlite3';
import { join } from 'node:path';
import { Client } from 'pg';
import { RunningServer } from './server';

/**
 * Runs SQL on a running server's own database, beside it, the way an operator (or a failing
 * disk) would: `sqlite` on its SQLite file, `postgres` on its PostgreSQL database.
 */
export async function onServerDatabase(
  server: RunningServer,
  statements: { sqlite: string; postgres: string },
): Promise<void> {
  const url = server.env.DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statements.postgres);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new SqliteDatabase(join(server.dataDir, 'chariot.db'));
  try {
    db.exec(statements.sqlite);
  } finally {
    db.close();
  }
}

/** The rows a query answers on the server's database (`$1`-style parameters on both). */
export async function rowsOnServerDatabase<T>(
  server: RunningServer,
  query: string,
  parameters: unknown[],
): Promise<T[]> {
  const url = server.env.DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(query, parameters)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new SqliteDatabase(join(server.dataDir, 'chariot.db'), { readonly: true });
  try {
    return db.prepare(query.replace(/\$\d+/g, '?')).all(...parameters) as T[];
  } finally {
    db.close();
  }
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

import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import { Pool } from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspect } from 'node:util';
import { Database } from './schema';
import { chariotMigrations } from './migrations';
import { cachingStatements } from './statement-cache';
import { NulFreePlugin } from './nul-free';
import { preparingStatements } from './prepared-statements';
import { WalCheckpointer } from './wal-checkpointer';

export type ChariotDb = Kysely<Database>;

export interface DatabaseTarget {
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file path (`:memory:` for tests). */
  url: string;
}

/** The SQLite connection under each SQLite database opened here. */
const sqliteConnections = new WeakMap<ChariotDb, SqliteDatabase.Database>();

/**
 * The SQLite connection under `db` (undefined on PostgreSQL), for a hot path that must not pay
 * for the query builder. Kysely runs every SQLite query to its end within one turn of the event
 * loop, so a synchronous transaction begun at the start of a turn, with `inTransaction` false,
 * cannot run inside one of Kysely's; statements bypass the NUL filter (see withoutNul).
 */
export function sqliteConnectionOf(db: ChariotDb): SqliteDatabase.Database | undefined {
  return sqliteConnections.get(db);
}

/** The PostgreSQL pool under each PostgreSQL database opened here. */
const postgresPools = new WeakMap<ChariotDb, Pool>();

/**
 * The PostgreSQL pool under `db` (undefined on SQLite), for what the query builder cannot do:
 * COPY. Its clients are the ones Kysely uses; parameters bypass the NUL filter (see withoutNul).
 */
export function postgresPoolOf(db: ChariotDb): Pool | undefined {
  return postgresPools.get(db);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens the database named by the target; SQLite files get WAL (checkpointed on a thread of their
 * own, see WalCheckpointer) and foreign keys, PostgreSQL runs the texts marked by
 * preparedStatement() as named prepared statements. On both, a NUL character in a string sent is
 * stored as U+2400 (see NulFreePlugin).
 */
export function openDatabase(target: DatabaseTarget): ChariotDb {
  if (isPostgresUrl(target.url)) {
    const pool = new Pool({ connectionString: target.url, max: 10 });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: preparingStatements(pool) }),
      plugins: [new NulFreePlugin()],
    });
    postgresPools.set(db, pool);
    return db;
  }
  if (target.url !== ':memory:') mkdirSync(dirname(target.url), { recursive: true });
  const sqlite = new SqliteDatabase(target.url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const checkpointer = target.url === ':memory:' ? undefined : new WalCheckpointer(sqlite, target.url);
  const connection = {
    prepare: (text: string) => sqlite.prepare(text),
    close: () => {
      checkpointer?.stop();
      sqlite.close();
    },
  };
  // NUL is replaced on SQLite too, so that both databases store and answer the same
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(connection) }),
    plugins: [new NulFreePlugin()],
  });
  sqliteConnections.set(db, sqlite);
  return db;
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: ChariotDb): Promise<string[]> {
  const migrator = new Migrator({ db, provider: chariotMigrations });
  const { error, results } = await migrator.migrateToLatest();
  // Kysely passes on whatever a migration threw, which need not be an Error.
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${inspect(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

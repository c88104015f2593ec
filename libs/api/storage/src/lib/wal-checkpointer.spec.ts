import SqliteDatabase from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalCheckpointer } from './wal-checkpointer';

/** Writes about `megabytes` MiB of rows in commits of 100 rows. */
function write(connection: SqliteDatabase.Database, megabytes: number): void {
  const insert = connection.prepare('insert into t (text) values (?)');
  const row = 'x'.repeat(1000);
  const commit = connection.transaction(() => {
    for (let k = 0; k < 100; k++) insert.run(row);
  });
  for (let k = 0; k < megabytes * 10; k++) commit();
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('WalCheckpointer', () => {
  // Each test waits for the thread to do its work; on a loaded machine that can take longer than
  // Jest's default 5 s (a clean-clone CI run beside other work).
  jest.setTimeout(60_000);
  let dir: string;
  let path: string;
  let connection: SqliteDatabase.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chariot-wal-'));
    path = join(dir, 'db.sqlite');
    connection = new SqliteDatabase(path);
    connection.pragma('journal_mode = WAL');
    connection.exec('create table t (id integer primary key, text text)');
  });
  afterEach(() => {
    if (connection.open) connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the writing connection never checkpoints: the pages reach the database file from the thread', async () => {
    const checkpointer = new WalCheckpointer(connection, path);
    await checkpointer.ready;
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(path).size;
    write(connection, 8);
    // with no checkpoint at all, the database file would keep its size and the log hold all 8 MiB
    await until(() => statSync(path).size > before + 4 * 1024 * 1024);
    expect(connection.prepare('select count(*) as n from t').get()).toEqual({ n: 8000 });
    checkpointer.stop();
  });

  it('falls back to SQLite checkpointing on the writing connection when its thread fails', async () => {
    // a module path the thread cannot load better-sqlite3 from
    const checkpointer = new WalCheckpointer(connection, path, join(dir, 'nowhere', 'main.js'));
    await expect(checkpointer.ready).rejects.toThrow(/better-sqlite3/);
    await until(() => connection.pragma('wal_autocheckpoint', { simple: true }) === 1000);
  });
});

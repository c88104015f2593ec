import { sql } from 'kysely';
import { migrateToLatest, openDatabase, isPostgresUrl } from './database';

describe('database', () => {
  it('migrates a fresh SQLite database and is idempotent', async () => {
    const db = openDatabase({ url: ':memory:' });
    const first = await migrateToLatest(db);
    expect(first).toEqual(['001_users_and_sessions', '002_executions_and_logs', '003_files']);
    expect(await migrateToLatest(db)).toEqual([]);
    await db
      .insertInto('users')
      .values({ id: 'u1', username: 'a', password_hash: 'h', role: 'user', password_is_default: 0, created_at: 'now' })
      .execute();
    await expect(
      db
        .insertInto('users')
        .values({ id: 'u2', username: 'a', password_hash: 'h', role: 'user', password_is_default: 0, created_at: 'now' })
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    const { rows } = await sql<{ n: number }>`select count(*) as n from users`.execute(db);
    expect(Number(rows[0].n)).toBe(1);
    await db.destroy();
  });

  it('recognises PostgreSQL urls', () => {
    expect(isPostgresUrl('postgres://127.0.0.1:5432/test')).toBe(true);
    expect(isPostgresUrl('postgresql://x/y')).toBe(true);
    expect(isPostgresUrl('./data/chariot.db')).toBe(false);
  });
});

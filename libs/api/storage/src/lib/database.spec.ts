import { Migrator, sql } from 'kysely';
import { migrateToLatest, openDatabase, isPostgresUrl } from './database';
import { chariotMigrations } from './migrations';

describe('database', () => {
  it('migrates a fresh SQLite database and is idempotent', async () => {
    const db = openDatabase({ url: ':memory:' });
    const first = await migrateToLatest(db);
    expect(first).toEqual([
      '001_users_and_sessions',
      '002_executions_and_logs',
      '003_files',
      '004_execution_variables',
      '005_file_versions',
      '006_execution_instances',
      '007_execution_log_bytes',
      '008_execution_file_names',
      '009_log_entries_without_foreign_key_on_postgres',
    ]);
    expect(await migrateToLatest(db)).toEqual([]);
    await db
      .insertInto('users')
      .values({ id: 'u1', username: 'a', password_hash: 'h', role: 'user', password_is_default: 0, created_at: 'now' })
      .execute();
    await expect(
      db
        .insertInto('users')
        .values({
          id: 'u2',
          username: 'a',
          password_hash: 'h',
          role: 'user',
          password_is_default: 0,
          created_at: 'now',
        })
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    const { rows } = await sql<{ n: number }>`select count(*) as n from users`.execute(db);
    expect(Number(rows[0].n)).toBe(1);
    await db.destroy();
  });

  it('adds the nullable variables_json column to executions stored before it existed', async () => {
    const db = openDatabase({ url: ':memory:' });
    const before = new Migrator({ db, provider: chariotMigrations });
    await before.migrateTo('003_files');
    const old = {
      id: 'e1',
      owner_id: 'u1',
      owner: 'a',
      program: '1',
      status: 'succeeded',
      created_at: 'now',
      entry_count: 0,
      dropped_count: 0,
    };
    await db.insertInto('executions').values(old).execute();
    expect(await migrateToLatest(db)).toEqual([
      '004_execution_variables',
      '005_file_versions',
      '006_execution_instances',
      '007_execution_log_bytes',
      '008_execution_file_names',
      '009_log_entries_without_foreign_key_on_postgres',
    ]);
    await db
      .insertInto('executions')
      .values({ ...old, id: 'e2', variables_json: '[]' })
      .execute();
    const rows = await db.selectFrom('executions').select(['id', 'variables_json']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'e1', variables_json: null },
      { id: 'e2', variables_json: '[]' },
    ]);
    await db.destroy();
  });

  it('gives files stored before versions existed version 1', async () => {
    const db = openDatabase({ url: ':memory:' });
    await new Migrator({ db, provider: chariotMigrations }).migrateTo('004_execution_variables');
    await db
      .insertInto('users')
      .values({ id: 'u1', username: 'a', password_hash: 'h', role: 'user', password_is_default: 0, created_at: 'now' })
      .execute();
    const file = { id: 'f1', owner_id: 'u1', name: 'a.ch', content: '', size: 0, created_at: 'now', updated_at: 'now' };
    await db.insertInto('files').values(file).execute();
    expect(await migrateToLatest(db)).toEqual([
      '005_file_versions',
      '006_execution_instances',
      '007_execution_log_bytes',
      '008_execution_file_names',
      '009_log_entries_without_foreign_key_on_postgres',
    ]);
    expect(await db.selectFrom('files').select(['id', 'version']).execute()).toEqual([{ id: 'f1', version: 1 }]);
    await db.destroy();
  });

  it('counts the log bytes of executions stored before migration 007 from their entries', async () => {
    const db = openDatabase({ url: ':memory:' });
    await new Migrator({ db, provider: chariotMigrations }).migrateTo('006_execution_instances');
    const old = {
      id: 'e1',
      owner_id: 'u1',
      owner: 'a',
      program: '1',
      status: 'succeeded',
      created_at: 'now',
      entry_count: 2,
      dropped_count: 0,
    };
    await db
      .insertInto('executions')
      .values([old, { ...old, id: 'e2' }])
      .execute();
    const entry = { execution_id: 'e1', timestamp: 'now', level: 'INFO' };
    await db
      .insertInto('log_entries')
      .values([
        { ...entry, seq: 1, message: '€' },
        { ...entry, seq: 2, message: 'ab' },
      ])
      .execute();
    expect(await migrateToLatest(db)).toEqual([
      '007_execution_log_bytes',
      '008_execution_file_names',
      '009_log_entries_without_foreign_key_on_postgres',
    ]);
    expect(await db.selectFrom('executions').select(['id', 'log_bytes']).orderBy('id').execute()).toEqual([
      { id: 'e1', log_bytes: 5 },
      { id: 'e2', log_bytes: 0 },
    ]);
    await db.destroy();
  });

  it('leaves executions stored before runs recorded their file without one', async () => {
    const db = openDatabase({ url: ':memory:' });
    await new Migrator({ db, provider: chariotMigrations }).migrateTo('007_execution_log_bytes');
    const old = {
      id: 'e1',
      owner_id: 'u1',
      owner: 'a',
      program: '1',
      status: 'succeeded',
      created_at: 'now',
      entry_count: 0,
      dropped_count: 0,
    };
    await db.insertInto('executions').values(old).execute();
    expect(await migrateToLatest(db)).toEqual([
      '008_execution_file_names',
      '009_log_entries_without_foreign_key_on_postgres',
    ]);
    await db
      .insertInto('executions')
      .values({ ...old, id: 'e2', file_name: 'job.ch' })
      .execute();
    expect(await db.selectFrom('executions').select(['id', 'file_name']).orderBy('id').execute()).toEqual([
      { id: 'e1', file_name: null },
      { id: 'e2', file_name: 'job.ch' },
    ]);
    await db.destroy();
  });

  it('recognises PostgreSQL urls', () => {
    expect(isPostgresUrl('postgres://127.0.0.1:5432/test')).toBe(true);
    expect(isPostgresUrl('postgresql://x/y')).toBe(true);
    expect(isPostgresUrl('./data/chariot.db')).toBe(false);
  });
});

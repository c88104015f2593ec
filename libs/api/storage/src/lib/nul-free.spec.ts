import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from './database';
import { NUL_REPLACEMENT, storableText, withoutNul } from './nul-free';

describe('NUL in strings sent to the database', () => {
  it('replaces NUL with U+2400 and leaves other text as it is', () => {
    expect(withoutNul('a\u0000b\u0000')).toBe('a\u2400b\u2400');
    const plain = 'no nul here: \u2400 é';
    expect(withoutNul(plain)).toBe(plain);
    expect(NUL_REPLACEMENT).toBe('␀');
  });

  it('stores a lone surrogate as U+FFFD, as PostgreSQL gets it, in inserted rows and raw SQL', async () => {
    const db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    await db
      .insertInto('users')
      .values({
        id: 'u',
        username: 'a\ud83db',
        password_hash: 'h',
        role: 'user',
        password_is_default: 0,
        created_at: 'now',
      })
      .execute();
    await sql`update users set password_hash = ${'x\udc00'} where id = 'u'`.execute(db);
    const { rows } = await sql<{
      username: string;
      password_hash: string;
    }>`select username, password_hash from users`.execute(db);
    expect(rows).toEqual([{ username: 'a\ufffdb', password_hash: 'x\ufffd' }]);
    expect(storableText('paired \ud83d\ude00 stays')).toBe('paired \ud83d\ude00 stays');
    await db.destroy();
  });

  it('stores NUL as U+2400 in inserted rows, updates and raw SQL, and a lookup with NUL matches the stored text', async () => {
    const db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    await db
      .insertInto('users')
      .values([
        {
          id: 'u\u0000',
          username: 'a\u0000b',
          password_hash: 'h',
          role: 'user',
          password_is_default: 0,
          created_at: 'now',
        },
        { id: 'u2', username: 'plain', password_hash: 'h', role: 'user', password_is_default: 0, created_at: 'now' },
      ])
      .execute();
    await db.updateTable('users').set({ password_hash: 'x\u0000y' }).where('username', '=', 'plain').execute();
    const { rows } = await sql<{
      id: string;
      username: string;
      password_hash: string;
    }>`select id, username, password_hash from users order by id`.execute(db);
    expect(rows).toEqual([
      { id: 'u2', username: 'plain', password_hash: 'x\u2400y' },
      { id: 'u\u2400', username: 'a\u2400b', password_hash: 'h' },
    ]);
    expect(JSON.stringify(rows)).not.toContain('\\u0000');
    const found = await db.selectFrom('users').select('id').where('username', '=', 'a\u0000b').execute();
    expect(found).toEqual([{ id: 'u\u2400' }]);
    const raw = await sql<{ n: number }>`select count(*) as n from users where username = ${'a\u0000b'}`.execute(db);
    expect(Number(raw.rows[0].n)).toBe(1);
    // array parameters (PostgreSQL's unnest of a batch) are cleaned element by element
    const compiled = sql`select ${['x\u0000', 'y']} as texts`.compile(db);
    expect(compiled.parameters).toEqual([['x\u2400', 'y']]);
    await db.destroy();
  });
});

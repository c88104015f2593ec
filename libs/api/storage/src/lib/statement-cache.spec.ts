import SqliteDatabase from 'better-sqlite3';
import { cachingStatements } from './statement-cache';

describe('cachingStatements', () => {
  it('prepares each SQL text once and gives the same statement back, still working', () => {
    const sqlite = new SqliteDatabase(':memory:');
    let prepares = 0;
    const counting = { prepare: (sql: string) => (prepares++, sqlite.prepare(sql)), close: () => sqlite.close() };
    const db = cachingStatements(counting);
    db.prepare('create table t (n integer)').run([]);
    const insert = db.prepare('insert into t (n) values (?)');
    expect(db.prepare('insert into t (n) values (?)')).toBe(insert);
    for (let n = 0; n < 3; n++) db.prepare('insert into t (n) values (?)').run([n]);
    expect(db.prepare('select sum(n) as s from t').all([])).toEqual([{ s: 3 }]);
    expect(prepares).toBe(3);
    // a long multi-row insert is prepared each time rather than filling the cache
    const long = `insert into t (n) values ${Array.from({ length: 1000 }, () => '(?)').join(', ')}`;
    expect(db.prepare(long)).not.toBe(db.prepare(long));
    db.close();
    expect(sqlite.open).toBe(false);
  });
});

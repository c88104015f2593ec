import type { Pool, PoolClient } from 'pg';
import { preparedStatement, preparingStatements } from './prepared-statements';

/** A pool of one client that records what it is asked to run. */
function recordingPool() {
  const sent: unknown[] = [];
  const release = jest.fn();
  const end = jest.fn(() => Promise.resolve());
  const client = {
    query: (config: unknown) => {
      sent.push(config);
      return Promise.resolve({ command: 'SELECT', rowCount: 1, rows: [{ n: 1 }] });
    },
    release,
  } as unknown as PoolClient;
  const pool = { connect: () => Promise.resolve(client), end } as unknown as Pool;
  return { pool, release, end, sent };
}

describe('preparedStatement', () => {
  it('marks a text with its name, which SQL reads as a comment', () => {
    expect(preparedStatement('session_lookup', 'select 1')).toBe('/* prepared session_lookup */ select 1');
  });

  it('refuses a name that could not be read back', () => {
    expect(() => preparedStatement('two words', 'select 1')).toThrow();
    expect(() => preparedStatement('x */ drop', 'select 1')).toThrow();
  });
});

describe('preparingStatements', () => {
  it('runs a marked text as the statement of that name, and any other text unnamed', async () => {
    const { pool, sent } = recordingPool();
    const client = await preparingStatements(pool).connect();
    const marked = preparedStatement('lookup', 'select $1::int as n');
    await expect(client.query(marked, [1])).resolves.toMatchObject({ rows: [{ n: 1 }] });
    await client.query('select 2', []);
    expect(sent).toEqual([
      { name: 'lookup', text: marked, values: [1] },
      { text: 'select 2', values: [] },
    ]);
  });

  it('passes a cursor (Kysely streaming rows) on as it is', async () => {
    const { pool, sent } = recordingPool();
    const client = await preparingStatements(pool).connect();
    const cursor = { read: () => Promise.resolve([]), close: () => Promise.resolve() };
    client.query(cursor);
    expect(sent).toEqual([cursor]);
    expect(sent[0]).toBe(cursor);
  });

  it('hands back the same client for one pooled connection, and releases and ends the real ones', async () => {
    const { pool, release, end } = recordingPool();
    const preparing = preparingStatements(pool);
    const first = await preparing.connect();
    expect(await preparing.connect()).toBe(first);
    first.release();
    expect(release).toHaveBeenCalledTimes(1);
    await preparing.end();
    expect(end).toHaveBeenCalledTimes(1);
  });
});

import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { Pool, PoolClient } from 'pg';

/** The mark a SQL text starts with to be run as a named prepared statement on PostgreSQL. */
const MARK = /^\/\* prepared ([a-z][a-z0-9_]*) \*\/ /;

/**
 * `sql` marked to be prepared under `name` once per PostgreSQL connection, then only bound and
 * executed: for a query that nearly every request makes, where PostgreSQL's parsing and planning
 * it each time cost more than running it. The name must stand for this one text. SQLite reads the
 * mark as a comment (it prepares every text once anyway: statement-cache.ts). A pooler between the
 * server and PostgreSQL must keep a client's prepared statements (PgBouncer: session pooling, or
 * transaction pooling with max_prepared_statements, 1.21 and later).
 */
export function preparedStatement(name: string, sql: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a statement name: ${name}`);
  return `/* prepared ${name} */ ${sql}`;
}

/**
 * The pool Kysely gets on PostgreSQL: its clients run a text marked by preparedStatement() as
 * the named statement (node-postgres prepares it on a connection the first time it sees the
 * name there), and every other text as before.
 */
export function preparingStatements(pool: Pool): PostgresPool {
  const wrapped = new WeakMap<PoolClient, PostgresPoolClient>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let preparing = wrapped.get(client);
      if (!preparing) {
        preparing = preparingClient(client);
        wrapped.set(client, preparing);
      }
      return preparing;
    },
    end: () => pool.end(),
  };
}

function preparingClient(client: PoolClient): PostgresPoolClient {
  function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    const values = parameters ? [...parameters] : undefined;
    if (typeof sqlOrCursor !== 'string') {
      // Kysely's streaming hands a pg-cursor, which node-postgres takes as it is.
      const submit = client.query.bind(client) as unknown as (cursor: PostgresCursor<R>) => PostgresCursor<R>;
      return submit(sqlOrCursor);
    }
    const name = MARK.exec(sqlOrCursor)?.[1];
    const result = name
      ? client.query({ name, text: sqlOrCursor, values })
      : client.query({ text: sqlOrCursor, values });
    return result as unknown as Promise<PostgresQueryResult<R>>;
  }
  return { query, release: (destroy?: boolean) => client.release(destroy) };
}

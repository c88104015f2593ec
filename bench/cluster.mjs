#!/usr/bin/env node
// Cross-instance figures of issue 10, on this machine (it asserts nothing).
//   npx nx build api && node bench/cluster.mjs [--quick] [--rows 1,2,3,4] [--executions 50] [--lines 200]
//   [--every 20] [--seconds 8] [--queued 2000] [--flood 100000]
// Needs PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test: a fresh
// database is made for each setup and dropped) and Redis (BENCH_REDIS_URL, default
// redis://127.0.0.1:6379).
// Rows: 1 logPrint → client latency p50/p99 with M executions at once, each logging a line every
// 20 ms: the client on the instance that runs them (the single-instance path, same setup), on
// another instance over Redis (the Redis hop), and on another instance without Redis (PostgreSQL
// looked at once a second, as before issue 10); in this row only A takes executions from the
// queue (B has RUNS_EXECUTIONS=false). 2 POST /api/execute of `1+2` spread round-robin over 1, 2
// and 3 instances with 16 clients: executions/s (each runs where it was asked, having room).
// 3 POST /api/execute-async of a 20-line script, all sent to instance A by 16 clients, until every
// one has ended: executions/s with 1, 2 and 3 instances taking them from the shared BullMQ queue.
// 4 one execution on A floods N lines, one client on B reads to `done`: entries/s, and the bytes
// its Redis Stream holds (MEMORY USAGE) at the end.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { httpClient, login, options, pct, startServer, stream } from './support.mjs';

const { opt, flag } = options();
const quick = flag('--quick');
const executions = Number(opt('--executions', quick ? 20 : 50));
const lines = Number(opt('--lines', quick ? 100 : 200));
const every = Number(opt('--every', 20));
const seconds = Number(opt('--seconds', quick ? 3 : 8));
const queued = Number(opt('--queued', quick ? 300 : 2000));
const floodLines = Number(opt('--flood', quick ? 20_000 : 100_000));
const rows = new Set(String(opt('--rows', '1,2,3,4')).split(',').map(Number));
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const ms = (x) => (x === undefined ? 'n/a' : `${x.toFixed(1)} ms`);

async function withDatabase(work) {
  const name = `chariot_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/**
 * `count` instances on one fresh database; each with its signed-in token (and the database's URL).
 * `env` is every instance's, or a function of the instance's index.
 */
async function withInstances(count, env, work) {
  const envOf = typeof env === 'function' ? env : () => env;
  return withDatabase(async (database) => {
    const servers = [];
    try {
      // one after the other: the first one migrates the database
      for (let i = 0; i < count; i++)
        servers.push(await startServer({ database, env: { LEASE_TIMEOUT_MS: '30000', ...envOf(i) } }));
      const tokens = await Promise.all(servers.map((s) => login(s.base)));
      return await work(servers.map((s, i) => ({ base: s.base, token: tokens[i], database })));
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
}

/** Starts M ticking executions on `runner` and reads each from `reader`: latencies of every entry. */
async function latency(runner, reader) {
  const api = httpClient(runner.base, runner.token);
  const program = JSON.stringify({
    program: `let i = 0; while (i < ${lines}) { i = i + 1; logPrint("tick " + i); sleep(${every}) }`,
  });
  const samples = [];
  const results = await Promise.all(
    Array.from({ length: executions }, async () => {
      const { body } = await api.post('/api/execute-async', program);
      return stream(reader.base, reader.token, body.data.execution_id, {
        onEntry: (data) => samples.push(Date.now() - Date.parse(JSON.parse(data).timestamp)),
      });
    }),
  );
  api.close();
  const sorted = samples.sort((x, y) => x - y);
  const incomplete = results.filter((r) => !r.done).length;
  return `p50 ${ms(pct(sorted, 0.5))}, p99 ${ms(pct(sorted, 0.99))} over ${sorted.length} entries${incomplete ? `, ${incomplete} streams incomplete` : ''}`;
}

/** POST /api/execute of 1+2 for `seconds`, 16 clients spread round-robin over the instances. */
async function throughput(instances) {
  const clients = instances.map((i) => httpClient(i.base, i.token, { connections: Math.ceil(16 / instances.length) }));
  const body = JSON.stringify({ program: '1+2' });
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: 16 }, async (_, k) => {
      const client = clients[k % clients.length];
      while (performance.now() < until) {
        const r = await client.post('/api/execute', body);
        if (r.status === 200) done++;
        else failed++;
      }
    }),
  );
  for (const c of clients) c.close();
  return `${Math.round(done / seconds)} executions/s${failed ? ` (${failed} failed)` : ''}`;
}

/** Waits until no execution of the database is queued or running. */
async function allEnded(database) {
  const db = new pg.Client({ connectionString: database });
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query("select count(*) as n from executions where status in ('queued', 'running')");
      if (Number(rows[0].n) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await db.end();
  }
}

/** `queued` execute-async requests sent to the first instance by 16 clients; executions/s until all have ended. */
async function distributed(instances) {
  const [entry] = instances;
  const client = httpClient(entry.base, entry.token, { connections: 16 });
  const body = JSON.stringify({ program: 'let i = 1\nwhile (i <= 20) { logPrint("line " + i); i = i + 1 }\ni' });
  const started = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < queued) {
        next++;
        if ((await client.post('/api/execute-async', body)).status !== 202) failed++;
      }
    }),
  );
  await allEnded(entry.database);
  const took = (performance.now() - started) / 1000;
  client.close();
  const db = new pg.Client({ connectionString: entry.database });
  await db.connect();
  const { rows } = await db.query('select instance, count(*) as n from executions group by instance order by 2 desc');
  await db.end();
  const spread = rows.map((r) => r.n).join('/');
  return `${Math.round((queued - failed) / took)} executions/s (ran per instance ${spread})${failed ? `, ${failed} refused` : ''}`;
}

/** One execution on A floods `floodLines` lines, read on B: entries/s and what its Redis Stream holds at the end. */
async function flood(a, b) {
  const api = httpClient(a.base, a.token);
  const program = JSON.stringify({
    program: `let i = 0; while (i < ${floodLines}) { i = i + 1; logPrint("line " + i) }`,
  });
  const started = performance.now();
  const { body } = await api.post('/api/execute-async', program);
  const id = body.data.execution_id;
  let seen = 0;
  const read = await stream(b.base, b.token, id, { onEntry: () => seen++ });
  const took = (performance.now() - started) / 1000;
  api.close();
  const redis = new Redis(redisUrl);
  const bytes = await redis.memory('USAGE', `chariot:log:${id}`);
  const messages = await redis.xlen(`chariot:log:${id}`);
  redis.disconnect();
  return `${Math.round(seen / took)} entries/s (${seen} of ${floodLines}${read.done ? '' : `, ${read.error}`}); its Redis Stream at the end: ${messages} messages, ${((bytes ?? 0) / 1024).toFixed(0)} KiB`;
}

console.log(`cluster bench: ${executions} executions × ${lines} lines every ${every} ms; throughput over ${seconds} s`);
// A runs every execution: what B sees crossed over Redis
if (rows.has(1)) {
  await withInstances(
    2,
    (k) => ({ REDIS_URL: redisUrl, RUNS_EXECUTIONS: String(k === 0) }),
    async ([a, b]) => {
      console.log(`1. logPrint on A → client on A (same instance, cluster mode): ${await latency(a, a)}`);
      console.log(`1. logPrint on A → client on B (over Redis Streams):          ${await latency(a, b)}`);
    },
  );
  await withInstances(2, {}, async ([a, b]) => {
    console.log(`1. logPrint on A → client on B (no Redis: PostgreSQL every 1 s): ${await latency(a, b)}`);
  });
}
for (const count of rows.has(2) ? [1, 2, 3] : []) {
  await withInstances(count, { REDIS_URL: redisUrl }, async (instances) => {
    console.log(`2. POST /api/execute of 1+2, ${count} instance(s), 16 clients: ${await throughput(instances)}`);
  });
}
for (const count of rows.has(3) ? [1, 2, 3] : []) {
  await withInstances(count, { REDIS_URL: redisUrl, MAX_CONCURRENT_PER_USER: '1000000' }, async (instances) => {
    console.log(`3. ${queued} × execute-async to A, ${count} instance(s) taking them: ${await distributed(instances)}`);
  });
}
if (rows.has(4)) {
  await withInstances(
    2,
    (k) => ({ REDIS_URL: redisUrl, RUNS_EXECUTIONS: String(k === 0) }),
    async ([a, b]) => {
      console.log(`4. flood of ${floodLines} lines on A, read on B: ${await flood(a, b)}`);
    },
  );
}

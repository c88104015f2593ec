#!/usr/bin/env node
// Cross-instance figures of issue 10, on this machine (it asserts nothing).
//   npx nx build api && node bench/cluster.mjs [--quick] [--executions 50] [--lines 200] [--every 20]
// Needs PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test: a fresh
// database is made for each setup and dropped) and Redis (BENCH_REDIS_URL, default
// redis://127.0.0.1:6379).
// Rows: 1 logPrint → client latency p50/p99 with M executions at once, each logging a line every
// 20 ms: the client on the instance that runs them (the single-instance path, same setup), on
// another instance over Redis (the Redis hop), and on another instance without Redis (PostgreSQL
// looked at once a second, as before issue 10). 2 POST /api/execute of `1+2` spread round-robin
// over 1, 2 and 3 instances with 16 clients: executions/s.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { httpClient, login, options, pct, startServer, stream } from './support.mjs';

const { opt, flag } = options();
const quick = flag('--quick');
const executions = Number(opt('--executions', quick ? 20 : 50));
const lines = Number(opt('--lines', quick ? 100 : 200));
const every = Number(opt('--every', 20));
const seconds = Number(opt('--seconds', quick ? 3 : 8));
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

/** `count` instances on one fresh database; each with its signed-in token. */
async function withInstances(count, env, work) {
  return withDatabase(async (database) => {
    const servers = [];
    try {
      // one after the other: the first one migrates the database
      for (let i = 0; i < count; i++)
        servers.push(await startServer({ database, env: { LEASE_TIMEOUT_MS: '30000', ...env } }));
      const tokens = await Promise.all(servers.map((s) => login(s.base)));
      return await work(servers.map((s, i) => ({ base: s.base, token: tokens[i] })));
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

console.log(`cluster bench: ${executions} executions × ${lines} lines every ${every} ms; throughput over ${seconds} s`);
await withInstances(2, { REDIS_URL: redisUrl }, async ([a, b]) => {
  console.log(`1. logPrint on A → client on A (same instance, cluster mode): ${await latency(a, a)}`);
  console.log(`1. logPrint on A → client on B (over Redis Streams):          ${await latency(a, b)}`);
});
await withInstances(2, {}, async ([a, b]) => {
  console.log(`1. logPrint on A → client on B (no Redis: PostgreSQL every 1 s): ${await latency(a, b)}`);
});
for (const count of [1, 2, 3]) {
  await withInstances(count, { REDIS_URL: redisUrl }, async (instances) => {
    console.log(`2. POST /api/execute of 1+2, ${count} instance(s), 16 clients: ${await throughput(instances)}`);
  });
}

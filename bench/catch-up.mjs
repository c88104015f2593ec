#!/usr/bin/env node
// Catch-up replay beside /api/health (issue 11, class 4): prints how long /api/health takes while
// S streams at once replay an ended execution's stored log of N entries from the start (no
// assertions: apps/api-e2e/src/api/held-server.spec.ts asserts a loose bound).
//   npx nx build api && node bench/catch-up.mjs [--entries 100000] [--streams 20] [--database postgres://…]
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpClient, login, options, pct, startServer, stream } from './support.mjs';

const PROBE = join(dirname(fileURLToPath(import.meta.url)), 'health-probe.cjs');

const { opt } = options();
const entries = Number(opt('--entries', 100_000));
const streams = Number(opt('--streams', 20));
const database = opt('--database', '');

const server = await startServer({
  database,
  env: { MAX_LOG_ENTRIES: String(entries + 10), MAX_STREAMS_PER_EXECUTION: String(streams + 10) },
});
const token = await login(server.base);
const api = httpClient(server.base, token, { connections: 4 });
try {
  const { body } = await api.post('/api/execute-async', {
    program: `let i = 0; while (i < ${entries}) { logPrint("entry " + i); i = i + 1 }`,
  });
  const id = body.data.execution_id;
  while ((await api.get(`/api/result/${id}`)).status !== 200) await sleep(200);

  // The probe runs on a thread of its own: this one is busy parsing the streams, and its delays
  // must not count as the server's.
  const probe = new Worker(PROBE, { workerData: { base: server.base } });
  await new Promise((ready) => probe.once('message', ready));
  const t = performance.now();
  const counts = await Promise.all(
    Array.from({ length: streams }, async () => {
      let count = 0;
      const end = await stream(server.base, token, id, { onEntry: () => count++ });
      if (!end.done) throw new Error(`stream ended without done: ${end.error}`);
      return count;
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  probe.postMessage('stop');
  const latencies = await new Promise((done) => probe.once('message', done));
  latencies.sort((a, b) => a - b);
  const total = counts.reduce((a, b) => a + b, 0);
  console.log(
    `catch-up replay              ${streams} streams × ${counts[0]} entries in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} entries/s (${database ? 'PostgreSQL' : 'SQLite'})`,
  );
  console.log(
    `GET /api/health meanwhile    n=${latencies.length} p50=${pct(latencies, 0.5).toFixed(1)} ms p99=${pct(latencies, 0.99).toFixed(1)} ms max=${latencies.at(-1).toFixed(1)} ms`,
  );
} finally {
  api.close();
  await server.stop();
}

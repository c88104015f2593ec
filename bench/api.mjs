#!/usr/bin/env node
// Measures the server end to end and prints the figures (no assertions: tests assert behaviour).
//   npx nx build api && node bench/api.mjs [--requests 300] [--entries 100000] [--database postgres://…]
// Starts dist/apps/api/main.js on a free port with a fresh data directory, then measures:
//   - POST /api/execute of `1+2`: latency p50/p99 over sequential requests
//   - time from POST /api/execute-async to the first SSE entry
//   - log throughput: a script writing N entries, read by one SSE client to `done`
import { httpClient, login, options, pct, startServer, stream } from './support.mjs';

const { opt } = options();
const requests = Number(opt('--requests', 300));
const entries = Number(opt('--entries', 100000));
const database = opt('--database', '');

const server = await startServer({ database, env: { MAX_LOG_ENTRIES: String(entries + 10) } });
const token = await login(server.base);
const api = httpClient(server.base, token, { connections: 1 });
const post = (path, body) => api.post(path, body).then((r) => r.body);

try {
  for (let i = 0; i < 20; i++) await post('/api/execute', { program: '1+2' });
  const latencies = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await post('/api/execute', { program: '1+2' });
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `POST /api/execute 1+2        n=${requests} p50=${pct(latencies, 0.5).toFixed(1)} ms p99=${pct(latencies, 0.99).toFixed(1)} ms`,
  );

  const firsts = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const { data } = await post('/api/execute-async', { program: 'logPrint("first") sleep(50)' });
    let first;
    await stream(server.base, token, data.execution_id, { onEntry: () => (first ??= performance.now() - t) });
    firsts.push(first);
  }
  firsts.sort((a, b) => a - b);
  console.log(
    `execute-async → first entry  n=20 p50=${pct(firsts, 0.5).toFixed(1)} ms p99=${pct(firsts, 0.99).toFixed(1)} ms`,
  );

  const t = performance.now();
  const { data } = await post('/api/execute-async', {
    program: `setq(i, 0) while(smaller(i, ${entries})) { logPrint(concat("entry ", i)) setq(i, add(i, 1)) }`,
  });
  let count = 0;
  await stream(server.base, token, data.execution_id, { onEntry: () => count++ });
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `log throughput               ${count} entries stored and streamed in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} entries/s (${database ? 'PostgreSQL' : 'SQLite'})`,
  );
} finally {
  api.close();
  await server.stop();
}

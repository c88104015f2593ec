#!/usr/bin/env node
// Measures the server end to end and prints the figures (no assertions: tests assert behaviour).
//   npx nx build api && node bench/api.mjs [--requests 300] [--entries 100000] [--database postgres://…]
// Starts dist/apps/api/main.js on a free port with a fresh data directory, then measures:
//   - POST /api/execute of `1+2`: latency p50/p99 over sequential requests
//   - time from POST /api/execute-async to the first SSE entry
//   - log throughput: a script writing N entries, read by one SSE client to `done`
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const requests = Number(opt('--requests', 300));
const entries = Number(opt('--entries', 100000));
const database = opt('--database', '');

const dataDir = mkdtempSync(join(tmpdir(), 'chariot-bench-'));
const server = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, MAX_LOG_ENTRIES: String(entries + 10), RATE_LIMIT_PER_MINUTE: '1000000', ...(database ? { DATABASE_URL: database } : {}) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
const base = await new Promise((ok, fail) => {
  const onData = (chunk) => {
    output += chunk;
    const m = /listening on (http:\/\/\S+?) /.exec(output);
    if (m) ok(m[1].replace('localhost', '127.0.0.1'));
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.once('exit', (code) => fail(new Error(`server exited ${code}\n${output}`)));
});

const login = await fetch(`${base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
const token = (await login.json()).data.token;
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
const post = (path, body) => fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.json());

async function stream(id, onEntry) {
  const response = await fetch(`${base}/api/logs/${id}`, { headers: { authorization: `Bearer ${token}` } });
  let done = false;
  const parser = createParser({ onEvent: (e) => (e.event === 'done' ? (done = true) : !e.event && onEntry()) });
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (done) break;
  }
}

const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

try {
  for (let i = 0; i < 20; i++) await post('/api/execute', { program: '1+2' });
  const latencies = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await post('/api/execute', { program: '1+2' });
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  console.log(`POST /api/execute 1+2        n=${requests} p50=${pct(latencies, 0.5).toFixed(1)} ms p99=${pct(latencies, 0.99).toFixed(1)} ms`);

  const firsts = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const { data } = await post('/api/execute-async', { program: 'logPrint("first") sleep(50)' });
    let first;
    await stream(data.execution_id, () => (first ??= performance.now() - t));
    firsts.push(first);
  }
  firsts.sort((a, b) => a - b);
  console.log(`execute-async → first entry  n=20 p50=${pct(firsts, 0.5).toFixed(1)} ms p99=${pct(firsts, 0.99).toFixed(1)} ms`);

  const t = performance.now();
  const { data } = await post('/api/execute-async', { program: `setq(i, 0) while(smaller(i, ${entries})) { logPrint(concat("entry ", i)) setq(i, add(i, 1)) }` });
  let count = 0;
  await stream(data.execution_id, () => count++);
  const seconds = (performance.now() - t) / 1000;
  console.log(`log throughput               ${count} entries stored and streamed in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} entries/s (${database ? 'PostgreSQL' : 'SQLite'})`);
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

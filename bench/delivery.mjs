#!/usr/bin/env node
// Live log delivery beside a bare node:http SSE server: prints, on this machine, each row of the
// table of issue 9 as the project's figure, the bare server's and their ratio (it asserts nothing).
//   npx nx build api && node bench/delivery.mjs [--quick] [--database postgres://…]
// Rows: 1 one script floods N lines, one SSE client reads to `done` (entries/s); 2 M executions at
// once each log a line every 20 ms: logPrint → client latency p50/p99 per half of the run, and of it
// logPrint → stored from the server's metrics (millisecond buckets); 3 S idle
// streams open on one running execution: server RSS per stream; 4 how fast those streams open.
// Both servers run as child processes (the built dist/apps/api/main.js on a fresh data directory,
// bench/bare-sse-server.mjs) and are read by the same client code in this process.
// Options: --rows 1,2,3 (3 also measures 4), --entries 100000, --executions 100, --lines 500,
// --every 20 (ms), --streams 10000, --open-concurrency 200.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpClient, login, options, pct, startServer } from './support.mjs';

const { opt, flag } = options();
const quick = flag('--quick');
const database = opt('--database', '');
const rows = new Set(String(opt('--rows', '1,2,3')).split(',').map(Number));
const floodEntries = Number(opt('--entries', quick ? 20_000 : 100_000));
const tickers = Number(opt('--executions', quick ? 20 : 100));
const tickLines = Number(opt('--lines', quick ? 100 : 500));
const tickEvery = Number(opt('--every', 20));
const idleStreams = Number(opt('--streams', quick ? 1000 : 10_000));
const openConcurrency = Number(opt('--open-concurrency', 200));

const table = [];
const ms = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);
const record = (row, project, bare, ratio, goal) => {
  table.push({ row, project, bare, ratio, goal });
  console.log(`  ${row}\n    project ${project} | bare ${bare} | ${ratio}`);
};

// ── clients ──────────────────────────────────────────────────────────────────────────────────
/**
 * Reads one SSE response to `event: done` with a minimal parser (the same for both servers).
 * onEntry gets each entry's parsed data and the time it arrived. Resolves to {entries, done, error?}.
 */
function readStream(url, headers, onEntry = () => undefined) {
  return new Promise((resolve) => {
    let buffer = '';
    let entries = 0;
    let lastSeq = 0;
    let outOfOrder = 0;
    const request = http.get(
      url,
      { agent: false, headers: { accept: 'text/event-stream', ...headers } },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          resolve({ entries, error: `HTTP ${response.statusCode}` });
          return;
        }
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          const now = Date.now();
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith(':')) continue;
            let event = '';
            let data = '';
            for (const line of frame.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data = line.slice(6);
            }
            if (event === 'done') {
              response.destroy();
              resolve({ entries, outOfOrder, done: JSON.parse(data) });
              return;
            }
            if (event) continue;
            const entry = JSON.parse(data);
            if (entry.seq !== lastSeq + 1) outOfOrder++;
            lastSeq = entry.seq;
            entries++;
            onEntry(entry, now);
          }
        });
        response.on('end', () => resolve({ entries, error: 'closed before done' }));
      },
    );
    request.on('error', (e) => resolve({ entries, error: e.code ?? e.message }));
  });
}

/**
 * Opens an SSE request on a raw socket and resolves, with the socket left open, once the first
 * frame has arrived (the cheapest client that holds thousands of streams).
 */
function openIdle(base, path, headers) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let text = '';
    const lines = Object.entries({ host: `${hostname}:${port}`, accept: 'text/event-stream', ...headers }).map(
      ([k, v]) => `${k}: ${v}\r\n`,
    );
    socket.once('connect', () => socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('')}\r\n`));
    const onData = (chunk) => {
      text += chunk.toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      if (head < 0) return;
      if (!text.startsWith('HTTP/1.1 200')) {
        socket.destroy();
        reject(new Error(text.slice(0, 200)));
      } else if (text.indexOf('\n\n', head + 4) >= 0) {
        socket.off('data', onData);
        socket.on('data', () => undefined); // heartbeats
        resolve(socket);
      }
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

// ── servers ──────────────────────────────────────────────────────────────────────────────────
async function startBare() {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'bare-sse-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  const base = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening on (\S+) /.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return { base, pid: child.pid, stop: () => child.kill('SIGKILL') };
}

function rssKb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

/** RSS once it has stopped moving (garbage of the opening settles), within 10 s. */
async function settledRssKb(pid) {
  let last = rssKb(pid);
  for (let i = 0; i < 20; i++) {
    await sleep(500);
    const now = rssKb(pid);
    if (Math.abs(now - last) < last * 0.005) return now;
    last = now;
  }
  return last;
}

// ── rows ─────────────────────────────────────────────────────────────────────────────────────
async function flood(project, bare) {
  const program = `let i = 0; while (i < ${floodEntries}) { i = i + 1; logPrint("line " + i) }`;
  const runProject = async () => {
    const start = performance.now();
    const { body } = await project.api.post('/api/execute-async', { program });
    const result = await readStream(`${project.base}/api/logs/${body.data.execution_id}`, project.auth);
    return { ...result, seconds: (performance.now() - start) / 1000 };
  };
  const runBare = async (query = '') => {
    const start = performance.now();
    const result = await readStream(`${bare.base}/flood?n=${floodEntries}${query}`, {});
    return { ...result, seconds: (performance.now() - start) / 1000 };
  };
  await runProject(); // warm-up: compiled paths, statement caches
  await runBare();
  await runBare('&coalesce=1');
  const p = await runProject();
  const b = await runBare();
  const c = await runBare('&coalesce=1');
  const check = (r) =>
    r.error || r.entries !== floodEntries || r.outOfOrder
      ? ` (${r.error ?? ''} ${r.entries} entries, ${r.outOfOrder} out of order)`
      : '';
  const [pr, br, cr] = [p, b, c].map((r) => r.entries / r.seconds);
  record(
    `1. one script writes ${floodEntries} lines, one SSE client reads to done`,
    `${Math.round(pr)} entries/s${check(p)}`,
    `${Math.round(br)} entries/s, a write() per frame${check(b)} (${Math.round(cr)}/s writing 64 KiB slices${check(c)})`,
    `${(pr / br).toFixed(2)} × bare (${(pr / cr).toFixed(2)} × sliced)`,
    '≥ 0.5 × bare',
  );
}

async function ticks(project, bare) {
  const collect = () => ({ first: [], second: [], errors: 0 });
  const sample = (into) => (entry, now) =>
    (entry.seq <= tickLines / 2 ? into.first : into.second).push(now - Date.parse(entry.timestamp));
  const program = `let i = 0; while (i < ${tickLines}) { i = i + 1; logPrint("tick " + i); sleep(${tickEvery}) }`;

  const p = collect();
  // The server's own histogram of logPrint → stored, read at the start, the middle and the end.
  const atStart = await storeDelayBuckets(project);
  let atHalf;
  let received = 0;
  const count = sample(p);
  const sampleProject = (entry, now) => {
    count(entry, now);
    if (++received === (tickers * tickLines) / 2) atHalf = storeDelayBuckets(project);
  };
  // Each stream opens as soon as its execution has started, as the IDE does.
  const pResults = await Promise.all(
    Array.from({ length: tickers }, async () => {
      const { body } = await project.api.post('/api/execute-async', { program });
      return readStream(`${project.base}/api/logs/${body.data.execution_id}`, project.auth, sampleProject);
    }),
  );
  const atEnd = await storeDelayBuckets(project);
  const half = (await atHalf) ?? atStart;
  const stored = (from, to) => `p50 ≤ ${bucketQuantile(from, to, 0.5)} ms, p99 ≤ ${bucketQuantile(from, to, 0.99)} ms`;
  const b = collect();
  const bResults = await Promise.all(
    Array.from({ length: tickers }, () =>
      readStream(`${bare.base}/tick?n=${tickLines}&every=${tickEvery}`, {}, sample(b)),
    ),
  );

  const stats = (xs) => {
    const sorted = [...xs].sort((x, y) => x - y);
    return { p50: pct(sorted, 0.5), p99: pct(sorted, 0.99) };
  };
  const bad = (results) => results.filter((r) => r.error || r.entries !== tickLines || r.outOfOrder).length;
  const [p1, p2, b1, b2] = [stats(p.first), stats(p.second), stats(b.first), stats(b.second)];
  record(
    `2. ${tickers} executions each logPrint every ${tickEvery} ms for ${tickLines} lines: logPrint → client, second half (first half)`,
    `p50 ${ms(p2.p50)}, p99 ${ms(p2.p99)} (first half p50 ${ms(p1.p50)}, p99 ${ms(p1.p99)})${bad(pResults) ? `, ${bad(pResults)} streams incomplete` : ''}; ` +
      `of which logPrint → stored (server's histogram) ${stored(half, atEnd)} (first half ${stored(atStart, half)})`,
    `p50 ${ms(b2.p50)}, p99 ${ms(b2.p99)} (first half p50 ${ms(b1.p50)}, p99 ${ms(b1.p99)})${bad(bResults) ? `, ${bad(bResults)} streams incomplete` : ''}`,
    `p99 ${(p2.p99 / Math.max(b2.p99, 0.1)).toFixed(1)} × bare`,
    'p50 ≤ 5 ms, p99 ≤ 2 × bare',
  );
}

/** The buckets of the server's histogram of logPrint → stored: upper bound in ms, cumulative count. */
async function storeDelayBuckets(project) {
  const { text } = await project.api.get('/api/metrics');
  return [...text.matchAll(/^chariot_log_entry_store_delay_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)].map(
    ([, le, n]) => ({ le: le === '+Inf' ? Infinity : Number(le) * 1000, n: Number(n) }),
  );
}

/** The bucket bound (ms) under which the fraction q of what was observed between two readings lies. */
function bucketQuantile(before, after, q) {
  const total = after[after.length - 1].n - before[before.length - 1].n;
  return after.find((bucket, i) => bucket.n - before[i].n >= q * total)?.le;
}

/** Opens `idleStreams` streams, `openConcurrency` at a time; resolves to {sockets, seconds, kbPerStream}. */
async function openMany(pid, base, path, headers) {
  const warm = await Promise.all(
    Array.from({ length: Math.min(200, idleStreams) }, () => openIdle(base, path, headers)),
  );
  for (const s of warm) s.destroy();
  const before = await settledRssKb(pid);
  const sockets = [];
  let failed = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: openConcurrency }, async () => {
      while (next < idleStreams) {
        next++;
        try {
          sockets.push(await openIdle(base, path, headers));
        } catch (e) {
          if (failed++ < 3) console.log(`    open failed: ${String(e.message).split('\n')[0]}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const after = await settledRssKb(pid);
  return {
    sockets,
    failed,
    rate: sockets.length / seconds,
    kbPerStream: (after - before) / Math.max(1, sockets.length),
  };
}

async function idle(project, bare) {
  const { body } = await project.api.post('/api/execute-async', { program: 'sleep(3600000)' });
  const id = body.data.execution_id;
  const p = await openMany(project.pid, project.base, `/api/logs/${id}`, project.auth);
  for (const s of p.sockets) s.destroy();
  await project.api.post(`/api/executions/${id}/cancel`);
  const b = await openMany(bare.pid, bare.base, '/idle', {});
  for (const s of b.sockets) s.destroy();
  const failed = (r) => (r.failed ? `, ${r.failed} failed to open` : '');
  record(
    `3. ${idleStreams} idle open log streams on one running execution: server RSS per stream`,
    `${p.kbPerStream.toFixed(1)} KiB${failed(p)}`,
    `${b.kbPerStream.toFixed(1)} KiB${failed(b)}`,
    `${(p.kbPerStream / b.kbPerStream).toFixed(2)} × bare`,
    '≤ 1.5 × bare at 10,000 streams',
  );
  record(
    `4. opening those streams (${openConcurrency} at a time)`,
    `${Math.round(p.rate)} streams/s`,
    `${Math.round(b.rate)} streams/s`,
    `${(p.rate / b.rate).toFixed(2)} × bare`,
    '≥ 2,000 streams/s',
  );
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────
/** Runs `work` against a freshly started project server and bare server, then stops both. */
async function withServers(work) {
  const server = await startServer({
    database,
    env: {
      EXECUTION_TIMEOUT_MS: '3600000',
      MAX_LOG_ENTRIES: String(floodEntries + 10),
      MAX_CONCURRENT_PER_USER: '100000',
      MAX_CONCURRENT_TOTAL: '100000',
      MAX_STREAMS_PER_USER: '1000000',
      MAX_STREAMS_PER_EXECUTION: '1000000',
    },
  });
  const bare = await startBare();
  try {
    const token = await login(server.base);
    const project = {
      base: server.base,
      pid: server.pid,
      auth: { authorization: `Bearer ${token}` },
      api: httpClient(server.base, token, { connections: 16 }),
    };
    console.log(
      `delivery on ${database ? 'PostgreSQL' : 'SQLite'}: project ${server.base} (pid ${server.pid}), bare ${bare.base} (pid ${bare.pid})`,
    );
    await work(project, bare);
    project.api.close();
  } finally {
    bare.stop();
    await server.stop();
  }
}

if (rows.has(1) || rows.has(2))
  await withServers(async (project, bare) => {
    if (rows.has(1)) await flood(project, bare);
    if (rows.has(2)) await ticks(project, bare);
  });
// Fresh servers: memory the rows before freed while streams open would read as a negative cost.
if (rows.has(3)) await withServers((project, bare) => idle(project, bare));
console.log(
  `\n| measured (${database ? 'PostgreSQL' : 'SQLite'}) | project | bare node:http | ratio | goal |\n|---|---|---|---|---|`,
);
for (const r of table) console.log(`| ${r.row} | ${r.project} | ${r.bare} | ${r.ratio} | ${r.goal} |`);

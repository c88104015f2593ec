#!/usr/bin/env node
// Executions at scale: prints, on this machine, each figure of the table of issue 8 (it asserts nothing).
//   npx nx build api && node bench/executions.mjs [--quick] [--sleepers 10000] [--database postgres://…]
// Sections: 1 trivial executions/s with 16 clients beside /api/health/s; 2 POST /api/execute p50/p99;
// 3 N sleeping executions in flight (time to accept, RSS per execution, threads, /api/health p99);
// 4 runaway fairness (user B's latency while user A runs 4 runaways); 5 fib(25) in-process and over
// HTTP against plain JS. Then one summary table.
// Server A runs sections 1-2, a fresh server B section 3 (both EXECUTION_TIMEOUT_MS 1 h), server C
// (EXECUTION_TIMEOUT_MS 10 s, the runaways' wall clock) sections 4-5: each the built
// dist/apps/api/main.js on a free port with a fresh data directory and the limits raised so nothing
// is refused; the caller's environment (EXECUTOR_THREADS, EXECUTION_MEMORY_MB, LOG_LEVEL, …) passes through. Every failed request is counted and shown; every
// section has a time limit; the servers are killed at the end whatever happens.
// Options: --quick (a short smoke run), --seconds 5 (each load run of section 1), --clients 16,
// --requests 500 (section 2), --sections 4,5 (only those), --sleepers 1000, --users 10 and --connections 16 (per user) for the
// sleepers, --sleep-ms (default: scaled to N and to section 1's rate so all are in flight when
// measured), --runaway-timeout-ms 10000, --fib-runs 9.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { cases, loadChariot, timeRuns } from './language.mjs';
import { httpClient, login, options, pct, startServer, stream } from './support.mjs';

const { opt, flag } = options();
const quick = flag('--quick');
const database = opt('--database', '');
const loadSeconds = Number(opt('--seconds', quick ? 1 : 5));
const clients = Number(opt('--clients', 16));
const sequential = Number(opt('--requests', quick ? 50 : 500));
const sleepers = Number(opt('--sleepers', quick ? 50 : 1000));
const users = Number(opt('--users', 10));
const connections = Number(opt('--connections', 16));
const sleepMsOption = opt('--sleep-ms');
const runawayTimeoutMs = Number(opt('--runaway-timeout-ms', 10_000));
const fibRuns = Number(opt('--fib-runs', quick ? 3 : 9));
/** `--sections 4,5` runs only those sections (and the servers they need). */
const sections = new Set(String(opt('--sections', '1,2,3,4,5')).split(',').map(Number));
const healthSeconds = quick ? 1 : 3;
const fairnessSeconds = quick ? 2 : 5;
const streamLines = quick ? 30 : 100;

const raisedLimits = {
  MAX_CONCURRENT_PER_USER: '100000',
  MAX_CONCURRENT_TOTAL: '100000',
  MAX_QUEUED: '100000',
  RETENTION_MAX_PER_USER: '10000000',
};
const prefix = `bench${Date.now().toString(36)}`; // fresh user names, also on a reused PostgreSQL database
const password = 'bench-password';
const FINAL = ['succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted'];

// ── small helpers ────────────────────────────────────────────────────────────────────────────
const results = {};
const say = (label, text) => console.log(`  ${label.padEnd(36)} ${text}`);
const ms = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);
const median = (xs) =>
  pct(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

function latencyStats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: pct(sorted, 0.5), p99: pct(sorted, 0.99), max: sorted[sorted.length - 1] };
}
const latencyText = (s) => `n=${s.n} p50=${ms(s.p50)} p99=${ms(s.p99)} max=${ms(s.max)}`;

/** Failed requests by cause: `HTTP 429 TOO_MANY_EXECUTIONS`, `HTTP 200 TIME_LIMIT`, `ECONNRESET`, … */
class Failures {
  count = 0;
  causes = new Map();
  add(r) {
    const cause = r.error ?? `HTTP ${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ''}`;
    this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
    this.count++;
  }
  toString() {
    return this.count ? [...this.causes].map(([cause, n]) => `${n}× ${cause}`).join(', ') : 'none';
  }
}
const describe = (r) => r.error ?? `HTTP ${r.status} ${r.text?.slice(0, 200)}`;

function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rssKb: Number(/VmRSS:\s+(\d+)/.exec(text)[1]), threads: Number(/Threads:\s+(\d+)/.exec(text)[1]) };
  } catch {
    return { rssKb: NaN, threads: NaN };
  }
}
const meminfoMb = (field) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/meminfo', 'utf8'))[1]) / 1024;

/**
 * Runs one section under a time limit: past it the section is abandoned (its clients closed,
 * its loops told to stop) and the next one runs. A section's error is printed, never thrown.
 */
async function section(title, limitMs, server, body) {
  console.log(`\n${title}`);
  const ctl = { aborted: false, deadline: Date.now() + limitMs, cleanups: [] };
  // an abandoned section's leftovers print and record nothing
  ctl.say = (label, text) => ctl.aborted || say(label, text);
  ctl.record = (figures) => ctl.aborted || Object.assign(results, figures);
  let timer;
  try {
    await Promise.race([
      body(ctl),
      new Promise(
        (_, fail) =>
          (timer = setTimeout(
            () => fail(new Error(`section abandoned: over its ${Math.round(limitMs / 1000)} s limit`)),
            limitMs,
          )),
      ),
    ]);
  } catch (e) {
    console.log(`  !! ${e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}`);
    await sleep(200); // let a dead server's exit be noticed
    if (server.exited())
      console.log(`  !! the server exited (${server.exited()}); its last output:\n${server.output().slice(-3000)}`);
  } finally {
    ctl.aborted = true;
    clearTimeout(timer);
    for (const cleanup of ctl.cleanups) cleanup();
  }
}

/** A client closed when the section ends; past that its requests reject, so leftovers stop. */
function clientFor(ctl, server, token, connections) {
  const client = httpClient(server.base, token, { connections });
  ctl.cleanups.push(client.close);
  const guard =
    (send) =>
    (...args) =>
      ctl.aborted ? Promise.reject(new Error('section abandoned')) : send(...args);
  return { get: guard(client.get), post: guard(client.post) };
}

/** As admin: creates users and returns their tokens. */
async function createUsers(ctl, server, adminToken, names) {
  const admin = clientFor(ctl, server, adminToken, 1);
  const tokens = [];
  for (const username of names) {
    const r = await admin.post('/api/users', { username, password });
    if (r.status !== 201) throw new Error(`creating user ${username}: ${describe(r)}`);
    tokens.push(await login(server.base, username, password));
  }
  return tokens;
}

/** `parallel` loops sending until `seconds` have passed: completions per second, failures by cause. */
async function load(ctl, parallel, seconds, send, succeeded) {
  const failures = new Failures();
  let done = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (!ctl.aborted && performance.now() < end) {
        const r = await send();
        if (succeeded(r)) done++;
        else failures.add(r);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  // how busy the load generator itself was: near 100% would make it the bottleneck
  const clientCpu = (used.user + used.system) / 1e6 / elapsed;
  return { rate: done / elapsed, done, elapsed, failures, clientCpu };
}

/** Sequential requests for `seconds` (or `count` of them): latencies of the successful ones. */
async function sequentialLatencies(ctl, { seconds = Infinity, count = Infinity }, send, succeeded) {
  const failures = new Failures();
  const samples = [];
  const end = performance.now() + seconds * 1000;
  for (let i = 0; i < count && performance.now() < end && !ctl.aborted; i++) {
    const r = await send();
    if (succeeded(r)) samples.push(r.ms);
    else failures.add(r);
  }
  return { ...latencyStats(samples), failures };
}

const ONE_PLUS_TWO = JSON.stringify({ program: '1+2' });
const isThree = (r) => r.status === 200 && r.body?.result === 'OK' && r.body.data === 3;
const isOk = (r) => r.status === 200;
const isAccepted = (r) => r.status === 202 && typeof r.body?.data?.execution_id === 'string';

// ── 1. trivial executions/s beside /api/health/s (after a warm-up of both) ─────────────────────────────────────────────
async function throughput(ctl, server, token) {
  const api = clientFor(ctl, server, token, clients);
  const probe = clientFor(ctl, server, undefined, clients); // /api/health is public
  // Steady state, not start-up: both paths run under the same load for a while first, so V8 has
  // compiled them and SQLite's files have grown before anything is counted (measured cold, the
  // execute path, timed first, read ~30 % lower).
  const warmUp = Math.max(1, loadSeconds / 2);
  await load(ctl, clients, warmUp, () => api.post('/api/execute', ONE_PLUS_TWO), isThree);
  await load(ctl, clients, warmUp, () => probe.get('/api/health'), isOk);
  const exec = await load(ctl, clients, loadSeconds, () => api.post('/api/execute', ONE_PLUS_TWO), isThree);
  ctl.say(
    `POST /api/execute 1+2, ${clients} clients`,
    `${exec.rate.toFixed(1)} executions/s (${exec.done} in ${exec.elapsed.toFixed(1)} s; client CPU ${(exec.clientCpu * 100).toFixed(0)}%), failed: ${exec.failures}`,
  );
  const health = await load(ctl, clients, loadSeconds, () => probe.get('/api/health'), isOk);
  ctl.say(
    `GET /api/health, ${clients} clients`,
    `${health.rate.toFixed(0)} requests/s (${health.done} in ${health.elapsed.toFixed(1)} s; client CPU ${(health.clientCpu * 100).toFixed(0)}%), failed: ${health.failures}`,
  );
  const ratio = exec.rate / health.rate;
  ctl.say('ratio executions / health', `${ratio.toFixed(3)} (goal ≥ 0.5)`);
  ctl.record({ execRate: exec.rate, healthRate: health.rate, throughputRatio: ratio });
}

// ── 2. POST /api/execute latency, one client ─────────────────────────────────────────────────
async function latency(ctl, server, token) {
  const api = clientFor(ctl, server, token, 1);
  const send = () => api.post('/api/execute', ONE_PLUS_TWO);
  await sequentialLatencies(ctl, { count: 20 }, send, isThree);
  const s = await sequentialLatencies(ctl, { count: sequential }, send, isThree);
  ctl.say('POST /api/execute 1+2, sequential', `${latencyText(s)}, failed: ${s.failures}`);
  ctl.record({ latencyP50: s.p50, latencyP99: s.p99 });
}

// ── 3. N sleeping executions in flight ───────────────────────────────────────────────────────
function sleepersPlan() {
  // everything must still be in flight once all are accepted, running, and /api/health measured:
  // allow twice the time section 1's rate says accepting N takes
  // without section 1 (--sections), assume a rate of 500 executions/s
  const perExecutionMs = results.execRate > 0 ? 1000 / results.execRate : 2;
  const acceptMs = 2 * sleepers * perExecutionMs;
  const sleepMs = sleepMsOption
    ? Number(sleepMsOption)
    : Math.max(quick ? 2000 : 8000, Math.ceil((acceptMs + healthSeconds * 1000 + 5000) / 1000) * 1000);
  const acceptLimitMs = Math.max(60_000, 2 * acceptMs);
  return { sleepMs, acceptLimitMs, limitMs: acceptLimitMs + 30_000 + healthSeconds * 1000 + sleepMs + 90_000 };
}

async function sleeping(ctl, server, adminToken, plan) {
  const names = Array.from({ length: users }, (_, i) => `${prefix}-s${i + 1}`);
  const tokens = await createUsers(ctl, server, adminToken, names);
  const perUser = tokens.map((t) => clientFor(ctl, server, t, connections));
  const count = async (status) => {
    const replies = await Promise.all(perUser.map((c) => c.get(`/api/executions?status=${status}&limit=1`)));
    return replies.reduce((sum, r) => sum + (r.body?.data?.total ?? NaN), 0);
  };
  const program = `logPrint("a") sleep(${plan.sleepMs}) logPrint("b")`;
  const body = JSON.stringify({ program });
  ctl.say('program', `${program}, ${sleepers} by ${users} users, ${connections} connections each`);

  // the machine is shared: stop starting more if it runs short of memory (one thread per execution)
  const floorMb = Math.max(1500, meminfoMb('MemTotal') / 10);
  let lowMemory = false;
  const guard = setInterval(() => (lowMemory ||= meminfoMb('MemAvailable') < floorMb), 200);
  ctl.cleanups.push(() => clearInterval(guard));

  const warm = clientFor(ctl, server, adminToken, 1); // not a sleeper user: their counts stay exact
  for (let i = 0; i < 20; i++)
    await warm.post('/api/execute-async', JSON.stringify({ program: 'logPrint("a") sleep(1) logPrint("b")' }));
  await sleep(1000);
  const before = procStatus(server.pid);
  const failures = new Failures();
  let accepted = 0;
  const start = performance.now();
  const acceptBy = start + plan.acceptLimitMs;
  await Promise.all(
    perUser.map((client, u) => {
      let left = Math.floor(sleepers / users) + (u < sleepers % users ? 1 : 0);
      return Promise.all(
        Array.from({ length: Math.min(connections, left) }, async () => {
          while (left > 0 && !ctl.aborted && !lowMemory && performance.now() < acceptBy) {
            left--;
            const r = await client.post('/api/execute-async', body);
            if (isAccepted(r)) accepted++;
            else failures.add(r);
          }
        }),
      );
    }),
  );
  const acceptSeconds = (performance.now() - start) / 1000;
  ctl.say(
    `time to accept ${sleepers}`,
    `${acceptSeconds.toFixed(2)} s (${accepted} accepted, ${(accepted / acceptSeconds).toFixed(0)}/s), failed: ${failures}`,
  );
  if (lowMemory) ctl.say('!! stopped starting', `the machine's available memory fell under ${Math.round(floorMb)} MB`);
  if (accepted + failures.count < sleepers)
    ctl.say('!! not sent', `${sleepers - accepted - failures.count} (time or memory limit)`);

  let running = await count('running');
  const waitFrom = performance.now();
  while (!(running >= accepted) && performance.now() - waitFrom < 30_000 && !ctl.aborted) {
    await sleep(250);
    running = await count('running');
  }
  const after = procStatus(server.pid);
  const perExecutionKb = (after.rssKb - before.rssKb) / accepted;
  ctl.say(
    'running',
    `${running} of ${accepted} (${(await count('queued')) || 0} queued), ${((performance.now() - start) / 1000).toFixed(1)} s after the first request`,
  );
  ctl.say(
    'server RSS before → all running',
    `${(before.rssKb / 1024).toFixed(0)} MB → ${(after.rssKb / 1024).toFixed(0)} MB = ${perExecutionKb.toFixed(0)} KB per execution`,
  );
  ctl.say('server threads before → all running', `${before.threads} → ${after.threads}`);

  const probe = clientFor(ctl, server, undefined, 1);
  const health = await sequentialLatencies(ctl, { seconds: healthSeconds }, () => probe.get('/api/health'), isOk);
  const stillRunning = await count('running');
  ctl.say('GET /api/health meanwhile', `${latencyText(health)}, failed: ${health.failures}`);
  if (stillRunning < running)
    ctl.say('!! ended too early', `${running - stillRunning} ended before this was measured: raise --sleep-ms`);
  ctl.record({ acceptSeconds, accepted, perExecutionKb, threads: after.threads, sleepersHealthP99: health.p99 });

  const drainFrom = performance.now();
  let active = stillRunning;
  while (active !== 0 && Date.now() < ctl.deadline - 5000 && !ctl.aborted) {
    await sleep(1000);
    active = (await count('running')) + (await count('queued'));
  }
  const ended = {};
  for (const status of FINAL) ended[status] = await count(status);
  const others = FINAL.filter((s) => s !== 'succeeded' && ended[s]).map((s) => `${ended[s]} ${s}`);
  ctl.say(
    'all ended',
    `${active === 0 ? 'yes' : `NO: ${active} still active`}, ${((performance.now() - drainFrom) / 1000).toFixed(1)} s after the health check`,
  );
  ctl.say('succeeded', `${ended.succeeded} of ${sleepers}${others.length ? ` (${others.join(', ')})` : ''}`);
  ctl.record({ succeeded: ended.succeeded });
}

// ── 4. runaway fairness ──────────────────────────────────────────────────────────────────────
const RUNAWAYS = [
  ['while(true){}', 'while(true){}'],
  ['deep recursion', 'setq(f, func(n) { call(f, add(n, 1)) }) call(f, 0)'],
  [
    'memory bomb',
    'setq(a, array()) setq(s, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") while(true) { addTo(a, concat(s, s, s, s)) }',
  ],
  ['log flood', 'setq(i, 0) while(smaller(i, 10000000)) { logPrint(i) setq(i, add(i, 1)) }'],
];

async function fairness(ctl, server, adminToken) {
  const [tokenA, tokenB] = await createUsers(ctl, server, adminToken, [`${prefix}-a`, `${prefix}-b`]);
  const userA = clientFor(ctl, server, tokenA, 4);
  const userB = clientFor(ctl, server, tokenB, 2);
  const statusOf = async (id) => {
    const data = (await userA.get(`/api/executions/${id}`)).body?.data;
    const code = data?.error?.code;
    return code && code.toLowerCase() !== data.status ? `${data.status} ${code}` : (data?.status ?? 'unknown');
  };
  const ended = (status) => FINAL.includes(status.split(' ')[0]);

  const runaways = [];
  for (const [name, program] of RUNAWAYS) {
    const r = await userA.post('/api/execute-async', { program });
    if (isAccepted(r)) runaways.push({ name, id: r.body.data.execution_id });
    else ctl.say(`!! runaway ${name} refused`, describe(r));
  }
  ctl.say('user A started', `${runaways.length} runaways: ${runaways.map((r) => r.name).join(', ')}`);
  await sleep(500);

  // user B, meanwhile: a streaming run (its entries' own timestamps against arrival) and sequential 1+2
  const streaming = (async () => {
    // the first line waits until the client has surely connected: a line logged before that is
    // replayed from storage, and its lag would be the connection's set-up, not live delivery
    const program = `sleep(300) setq(i, 0) while(smaller(i, ${streamLines})) { logPrint(concat("tick ", i)) sleep(20) setq(i, add(i, 1)) }`;
    const r = await userB.post('/api/execute-async', { program });
    if (!isAccepted(r)) return { error: describe(r), lags: [] };
    const lags = [];
    const onEntry = (data) => lags.push(Date.now() - Date.parse(JSON.parse(data).timestamp));
    const s = await stream(server.base, tokenB, r.body.data.execution_id, {
      onEntry,
      timeoutMs: Math.max(1000, ctl.deadline - Date.now()),
    });
    return { ...s, lags };
  })();
  const b = await sequentialLatencies(
    ctl,
    { seconds: fairnessSeconds },
    () => userB.post('/api/execute', ONE_PLUS_TWO),
    isThree,
  );
  const streamed = await streaming;
  const during = await Promise.all(runaways.map((r) => statusOf(r.id)));

  ctl.say("user B's POST /api/execute 1+2", `${latencyText(b)}, failed: ${b.failures}`);
  const lag = latencyStats(streamed.lags);
  ctl.say(
    "user B's stream: logPrint → client",
    `${latencyText(lag)} (${lag.n} of ${streamLines} lines, ends ${streamed.done?.status ?? `without done: ${streamed.error}`})`,
  );
  ctl.say(
    'runaways still running after B',
    `${during.filter((s) => s === 'running').length} of ${runaways.length} (${runaways.map((r, i) => `${r.name}: ${during[i]}`).join(', ')})`,
  );
  ctl.record({ fairP50: b.p50, fairP99: b.p99, fairMax: b.max, lagP99: lag.p99 });

  // cancel what still runs and time how long each takes to end
  const ends = await Promise.all(
    runaways.map(async (r, i) => {
      if (ended(during[i])) return `${r.name}: ${during[i]}`;
      const from = performance.now();
      const c = await userA.post(`/api/executions/${r.id}/cancel`);
      let status = await statusOf(r.id);
      while (!ended(status) && performance.now() - from < 15_000 && !ctl.aborted) {
        await sleep(20);
        status = await statusOf(r.id);
      }
      const how =
        c.status === 200
          ? `cancel → ${status} in ${(performance.now() - from).toFixed(0)} ms`
          : `cancel answered ${describe(c)}, now ${status}`;
      return `${r.name}: ${how}`;
    }),
  );
  ctl.say('runaways in the end', ends.join('; '));
}

// ── 5. fib(25): in-process and over HTTP against plain JS ────────────────────────────────────
async function fib(ctl, server, token) {
  const fibCase = cases.find((c) => c.name === 'fib(25)');
  const { runChariot } = loadChariot();
  const chariot = timeRuns(() => runChariot(fibCase.chariot).value, 20);
  const js = timeRuns(fibCase.js, 20);
  if (chariot.value !== js.value) throw new Error(`fib(25): chariot gave ${chariot.value}, js ${js.value}`);
  const inBest = Math.min(...chariot.samples) / Math.min(...js.samples);
  const inMedian = median(chariot.samples) / median(js.samples);
  ctl.say(
    'plain JS fib(25)',
    `median ${median(js.samples).toFixed(3)} ms, best ${Math.min(...js.samples).toFixed(3)} ms (20 runs)`,
  );
  ctl.say(
    'in-process Chariot fib(25)',
    `median ${ms(median(chariot.samples))}, best ${ms(Math.min(...chariot.samples))} → ${inMedian.toFixed(1)}× (median), ${inBest.toFixed(1)}× (best, as bench/language.mjs)`,
  );

  const api = clientFor(ctl, server, token, 1);
  const body = JSON.stringify({ program: fibCase.chariot });
  const right = (r) => r.status === 200 && r.body?.result === 'OK' && r.body.data === js.value;
  await api.post('/api/execute', body);
  const overHttp = await sequentialLatencies(ctl, { count: fibRuns }, () => api.post('/api/execute', body), right);
  const httpRatio = overHttp.p50 / median(js.samples);
  ctl.say(
    'POST /api/execute fib(25)',
    `median ${ms(overHttp.p50)} of ${overHttp.n} → ${httpRatio.toFixed(1)}× plain JS, failed: ${overHttp.failures}`,
  );
  ctl.record({ fibInProcess: inBest, fibInProcessMedian: inMedian, fibHttp: httpRatio });
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────
function summary() {
  const f = (x, digits = 1, unit = '') => (x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(digits)}${unit}`);
  const rows = [
    ['figure', 'measured', 'goal (issue 8)'],
    [
      `trivial execute 1+2, ${clients} clients`,
      `${f(results.execRate, 0)} exec/s; health ${f(results.healthRate, 0)}/s; ratio ${f(results.throughputRatio, 3)}`,
      '≥ 0.5 × health',
    ],
    [
      'execute 1+2, one client p50 / p99',
      `${f(results.latencyP50, 1)} / ${f(results.latencyP99, 1)} ms`,
      '≤ 2 / ≤ 10 ms',
    ],
    [
      `${sleepers} sleeping executions`,
      `accepted ${results.accepted ?? 'n/a'} in ${f(results.acceptSeconds, 2)} s; ${f(results.perExecutionKb, 0)} KB RSS each; ${results.threads ?? 'n/a'} threads; health p99 ${f(results.sleepersHealthP99, 1)} ms; ${results.succeeded ?? 'n/a'} succeeded`,
      '1,000 in ≤ 2 s, ≤ 200 KB each',
    ],
    [
      "B's execute while A runs 4 runaways",
      `p50 ${f(results.fairP50)} / p99 ${f(results.fairP99)} / max ${f(results.fairMax)} ms; log lines p99 ${f(results.lagP99)} ms`,
      'p99 < 50 ms; lines p99 < 50 ms',
    ],
    [
      'fib(25) vs plain JS',
      `in-process ${f(results.fibInProcess)}× (median ${f(results.fibInProcessMedian)}×); over HTTP ${f(results.fibHttp)}×`,
      '≤ 10× in-process, ≤ 12× HTTP',
    ],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('\nSummary');
  rows.forEach((r, i) => {
    console.log(`| ${r.map((c, j) => c.padEnd(widths[j])).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  });
}

console.log(
  `Chariot executions benchmark${quick ? ' (--quick)' : ''}: node ${process.version}, ${os.availableParallelism()} cores, ` +
    `EXECUTOR_THREADS=${process.env.EXECUTOR_THREADS ?? '(unset: server default)'}, ${database ? 'PostgreSQL' : 'SQLite'}`,
);
console.log(
  `server limits: ${Object.entries(raisedLimits)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')} RATE_LIMIT_PER_MINUTE=100000000`,
);

let exitCode = 0;
let server;
/** A fresh server (data directory, users, heap) for the sections that follow. */
async function freshServer(name, timeoutMs) {
  await server?.stop();
  server = await startServer({ database, env: { ...raisedLimits, EXECUTION_TIMEOUT_MS: String(timeoutMs) } });
  const token = await login(server.base);
  console.log(
    `\nserver ${name}: pid ${server.pid}, EXECUTION_TIMEOUT_MS=${timeoutMs}, ${procStatus(server.pid).threads} threads at start`,
  );
  return token;
}
try {
  let token = sections.has(1) || sections.has(2) ? await freshServer('A', 3_600_000) : '';
  if (sections.has(1))
    await section(
      `1. trivial executions/s beside /api/health/s (${clients} clients, ${loadSeconds} s each)`,
      2 * loadSeconds * 1000 + 120_000,
      server,
      (ctl) => throughput(ctl, server, token),
    );
  if (sections.has(2))
    await section(
      `2. POST /api/execute 1+2 latency (one client, ${sequential} requests after 20)`,
      300_000,
      server,
      (ctl) => latency(ctl, server, token),
    );
  // the RSS of section 3 is measured on a server that has run only a warm-up, not sections 1-2's garbage
  if (sections.has(3)) {
    token = await freshServer('B', 3_600_000);
    const plan = sleepersPlan();
    await section(
      `3. ${sleepers} sleeping executions in flight (sleep ${plan.sleepMs} ms; section limit ${Math.round(plan.limitMs / 1000)} s)`,
      plan.limitMs,
      server,
      (ctl) => sleeping(ctl, server, token, plan),
    );
  }
  if (sections.has(4) || sections.has(5)) token = await freshServer('C', runawayTimeoutMs);
  if (sections.has(4))
    await section(
      `4. runaway fairness (user B for ${fairnessSeconds} s while user A runs 4 runaways)`,
      120_000,
      server,
      (ctl) => fairness(ctl, server, token),
    );
  if (sections.has(5))
    await section(
      `5. fib(25) in-process and over HTTP against plain JS (${fibRuns} requests)`,
      300_000,
      server,
      (ctl) => fib(ctl, server, token),
    );
} catch (e) {
  console.log(`\n!! ${e.message}`);
  exitCode = 1;
} finally {
  await server?.stop();
}
summary();
process.exit(exitCode);

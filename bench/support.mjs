// What the server benchmarks share: start the built server, sign in, a cheap keep-alive HTTP
// client that never throws, the SSE log stream, percentiles. Not a benchmark itself.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `--name value` options and `--flag` switches of the command line. */
export function options(argv = process.argv.slice(2)) {
  return {
    opt: (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt),
    flag: (name) => argv.includes(name),
  };
}

/** The q-quantile of an ascending array (undefined when empty). */
export const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export const adminUsername = process.env.ADMIN_USERNAME ?? 'admin';
export const adminPassword = process.env.ADMIN_PASSWORD ?? 'admin';

// every server started here is killed when this process ends, however it ends
const live = new Set();
let killing = false;
function killOnExit() {
  if (killing) return;
  killing = true;
  process.once('exit', () => {
    for (const server of live) server.killNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping`);
      process.exit(130);
    });
  }
}

/**
 * Starts dist/apps/api/main.js on a free port with a fresh data directory. The caller's environment
 * passes through (EXECUTOR_THREADS, LOG_LEVEL, …); `env` sets the conditions of the measurement
 * over it. Resolves once the server says it listens.
 */
export async function startServer({ env = {}, database = '', startTimeoutMs = 60_000 } = {}) {
  killOnExit();
  const dataDir = mkdtempSync(join(tmpdir(), 'chariot-bench-'));
  // BENCH_NODE_ARGS: extra node options for the server alone (e.g. --cpu-prof), to look inside a figure.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'dist/apps/api/main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NO_COLOR: '1',
      RATE_LIMIT_PER_MINUTE: '100000000',
      // The benchmarks work as the seeded admin/admin.
      ALLOW_DEFAULT_PASSWORD: 'true',
      ...(database ? { DATABASE_URL: database } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited;
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 128_000) output = output.slice(-64_000); // the tail, for error reports
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise((done) => child.once('exit', (code, signal) => done((exited = signal ?? `code ${code}`))));
  const server = {
    pid: child.pid,
    dataDir,
    output: () => output,
    /** Why the server ended, or undefined while it runs. */
    exited: () => exited,
    killNow() {
      if (exited === undefined) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      live.delete(server);
    },
    async stop() {
      if (exited === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(timer);
      }
      server.killNow();
    },
  };
  live.add(server);
  try {
    server.base = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`server did not start in ${startTimeoutMs} ms`)), startTimeoutMs);
      const onData = () => {
        const m = /listening on (http:\/\/\S+?) /.exec(output);
        if (m) {
          clearTimeout(timer);
          ok(m[1].replace('localhost', '127.0.0.1'));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      exit.then((how) => fail(new Error(`server exited (${how})`)));
    });
  } catch (e) {
    await server.stop();
    throw new Error(`${e.message}\n${output.slice(-4000)}`);
  }
  return server;
}

/** Signs in and returns the bearer token. */
export async function login(base, username = adminUsername, password = adminPassword) {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${text}`);
  return JSON.parse(text).data.token;
}

/**
 * HTTP/1.1 over a keep-alive pool of `connections` sockets (node:http: cheap enough that the
 * client is not the bottleneck). A request never throws: it resolves to
 * {status, body (parsed JSON or undefined), text, ms} or, when it failed, {status: 0, error}.
 * A string body is sent as is (serialise hot bodies once).
 */
export function httpClient(base, token, { connections = 16, timeoutMs = 120_000 } = {}) {
  const { hostname, port } = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const auth = token ? { authorization: `Bearer ${token}` } : {};
  function request(method, path, body) {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers =
      payload === undefined
        ? auth
        : { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    const start = performance.now();
    return new Promise((done) => {
      let settled = false;
      const finish = (result) => {
        if (settled) return;
        settled = true;
        done({ ...result, ms: performance.now() - start });
      };
      const req = http.request({ agent, hostname, port, method, path, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', (e) => finish({ status: 0, error: e.code ?? e.message }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          finish({ status: res.statusCode, body: json, text });
        });
      });
      req.setTimeout(timeoutMs, () =>
        req.destroy(Object.assign(new Error('timeout'), { code: `TIMEOUT ${timeoutMs} ms` })),
      );
      req.on('error', (e) => finish({ status: 0, error: e.code ?? e.message }));
      req.end(payload);
    });
  }
  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body = {}) => request('POST', path, body),
    close: () => agent.destroy(),
  };
}

/**
 * Reads GET /api/logs/:id to `event: done`. onEntry gets each entry's `data` text as it
 * arrives. Resolves to {status, done (the done event's data) | undefined, error?}; never throws.
 */
export async function stream(base, token, id, { onEntry = () => undefined, timeoutMs = 600_000 } = {}) {
  let status = 0;
  let done;
  try {
    const response = await fetch(`${base}/api/logs/${id}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    if (status !== 200) return { status, error: (await response.text()).slice(0, 200) };
    const parser = createParser({
      onEvent: (e) => {
        if (e.event === 'done') done = JSON.parse(e.data);
        else if (!e.event) onEntry(e.data);
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (done) break;
    }
    return { status, done, ...(done ? {} : { error: 'stream closed before done' }) };
  } catch (e) {
    return {
      status,
      done,
      error: e.name === 'TimeoutError' ? `timeout ${timeoutMs} ms` : (e.cause?.code ?? e.message),
    };
  }
}

#!/usr/bin/env node
// Starts N instances of the built server (dist/apps/api/main.js) on consecutive ports against the
// local PostgreSQL and Redis, to try the cluster on one machine without containers:
//   npx nx build api && npm run start:cluster -- --instances 3 [--port 8087]
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and REDIS_URL (default
// redis://127.0.0.1:6379) come from the environment like every other setting; each instance gets
// INSTANCE_ID local-<port> and DATA_DIR data/cluster/<port>. Ctrl+C stops them all (SIGTERM).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist/apps/api/main.js');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const instances = Number(opt('--instances', 3));
const firstPort = Number(opt('--port', process.env.PORT ?? 8087));

if (!existsSync(main)) {
  console.error(`${main} is missing: build it first (npx nx build api)`);
  process.exit(1);
}
if (!Number.isInteger(instances) || instances < 1) {
  console.error('--instances takes a whole number of at least 1');
  process.exit(1);
}

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
};
console.log(
  `${instances} instance(s) on PostgreSQL ${env.DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@')} and Redis ${env.REDIS_URL}`,
);

const children = [];
let stopping = false;
const stopAll = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll('SIGTERM'));

// One after the other: the first one runs the migrations, and each says where it listens.
for (let k = 0; k < instances; k++) {
  const port = firstPort + k;
  const instanceId = `local-${port}`;
  const dataDir = join(root, 'data', 'cluster', String(port));
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [main], {
    env: { ...env, PORT: String(port), INSTANCE_ID: instanceId, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const prefix = `[${instanceId}] `;
  let listening = false;
  const ready = new Promise((ok, fail) => {
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        process.stdout.write(prefix + line + '\n');
        if (!listening && /listening on /.test(line)) {
          listening = true;
          console.log(`instance ${instanceId} listens on http://localhost:${port}`);
          ok();
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      console.log(`instance ${instanceId} exited (${signal ?? `code ${code}`})`);
      if (!listening) fail(new Error(`instance ${instanceId} did not start`));
      if (!stopping) stopAll('SIGTERM');
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(stopping ? 0 : 1);
    });
  });
  try {
    await ready;
  } catch (error) {
    console.error(error.message);
    stopAll('SIGTERM');
    break;
  }
}

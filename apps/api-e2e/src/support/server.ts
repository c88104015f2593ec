import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const MAIN = resolve(__dirname, '../../../../dist/apps/api/main.js');

export interface RunningServer {
  baseUrl: string;
  /** Environment it was started with, to restart it on the same database. */
  env: Record<string, string>;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** Graceful stop (SIGTERM), waiting for the exit. */
  stop(): Promise<void>;
  /** Abrupt death (SIGKILL), as a crash would be. */
  kill(): Promise<void>;
}

const POSTGRES_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Which database the suites run against: `E2E_DATABASE=postgres` switches from SQLite. */
export const e2eDatabase = process.env.E2E_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh PostgreSQL database, so each server starts from nothing as with SQLite. */
export async function freshPostgresUrl(): Promise<string> {
  const name = `chariot_e2e_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgres(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.end();
}

/**
 * Starts the built server (`nx build api`) as its own process on a free port with a fresh
 * data directory, and resolves once it prints the address it listens on. Unless `env` says
 * otherwise, metrics are public (the suites read them without signing in) and admin/admin may do
 * everything (ALLOW_DEFAULT_PASSWORD: every suite signs in as admin).
 */
export async function startServer(env: Record<string, string> = {}, dataDir?: string): Promise<RunningServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'chariot-e2e-'));
  if (e2eDatabase === 'postgres' && env.DATABASE_URL === undefined)
    env = { ...env, DATABASE_URL: await freshPostgresUrl() };
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      NO_COLOR: '1',
      METRICS_PUBLIC: 'true',
      ALLOW_DEFAULT_PASSWORD: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+?) /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const finish = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    baseUrl,
    env,
    dataDir: dir,
    process: child,
    output: () => output,
    stop: async () => {
      await finish('SIGTERM');
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
      if (e2eDatabase === 'postgres' && env.DATABASE_URL && !dataDir) await dropPostgres(env.DATABASE_URL);
    },
    kill: () => finish('SIGKILL'),
  };
}

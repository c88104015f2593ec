import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { dropPostgres, freshPostgresUrl, RunningServer, startServer } from './server';

const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The Redis the cluster tests use, once it answers PING; fails clearly when it does not. */
export async function reachableRedis(): Promise<string> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `the cluster tests need Redis at E2E_REDIS_URL or 127.0.0.1:6379 (tools/ensure-test-env.sh starts it): ${String(error)}`,
    );
  } finally {
    client.disconnect();
  }
  return REDIS_URL;
}

/** Several built servers sharing one fresh PostgreSQL database, as instances behind a load balancer. */
export interface Cluster {
  databaseUrl: string;
  servers: RunningServer[];
  /** Starts one more instance on the shared database (`env` over the cluster's). */
  add(env?: Record<string, string>): Promise<RunningServer>;
  /** Starts an instance again on its data directory, so it keeps its instance id, as a restart would. */
  restart(server: RunningServer): Promise<RunningServer>;
  /** Stops every instance still running and drops the database. */
  stop(): Promise<void>;
}

/**
 * A fresh database whatever E2E_DATABASE says (a cluster needs PostgreSQL), and `count` instances
 * on it, started one after the other. Fails with a clear message when PostgreSQL is not reachable.
 */
export async function startCluster(count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const databaseUrl = await freshPostgresUrl().catch((error: unknown) => {
    throw new Error(
      `the cluster tests need PostgreSQL at E2E_POSTGRES_URL or 127.0.0.1:5432 (tools/ensure-test-env.sh starts it): ${String(error)}`,
    );
  });
  const dirs: string[] = [];
  const cluster: Cluster = {
    databaseUrl,
    servers: [],
    async add(extra = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'chariot-cluster-'));
      dirs.push(dir);
      const server = await startServer({ ...env, ...extra, DATABASE_URL: databaseUrl }, dir);
      cluster.servers.push(server);
      return server;
    },
    async restart(server) {
      const again = await startServer(server.env, server.dataDir);
      cluster.servers.push(again);
      return again;
    },
    async stop() {
      await Promise.all(cluster.servers.map((s) => s.stop()));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      await dropPostgres(databaseUrl);
    },
  };
  try {
    for (let i = 0; i < count; i++) await cluster.add();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

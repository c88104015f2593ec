import { Client } from 'pg';
import { ApiClient } from '../support/client';
import { Cluster, startCluster } from '../support/cluster';
import { entries, openSse, readUntil } from '../support/sse';

// Several instances on one PostgreSQL database (jest.config.cts runs this file in the postgres
// pass only: it makes its own database whatever E2E_DATABASE says).

const LEASE_TIMEOUT_MS = 1500;

/** Fifty entries, then a pause at the breakpoint on line 3 (the debugger holds the run there). */
const FIFTY_THEN_PAUSE = ['let i = 1', 'while (i <= 50) { logPrint("entry " + i); i = i + 1 }', 'logPrint("after the pause")', '42'].join('\n');

async function startPaused(server: { baseUrl: string }, client: ApiClient) {
  const reply = await client.post('/api/execute-async', { program: FIFTY_THEN_PAUSE, debug: { breakpoints: [3] } });
  expect(reply.status).toBe(202);
  const id = reply.body.data.execution_id as string;
  const stream = await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: client.cookieHeader });
  const upToPause = await readUntil(stream, (f) => f.event === 'paused');
  expect(upToPause.at(-1)?.event).toBe('paused');
  expect(entries(upToPause).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
  return { id, stream };
}

/** Resolves once every instance's lease has been renewed twice more (so each has swept at least once). */
async function leasesRenewedTwice(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const read = async () => new Map((await db.query<{ instance: string; renewed_at: string }>('select instance, renewed_at from instance_leases')).rows.map((r) => [r.instance, r.renewed_at]));
    const seen = new Map([...(await read())].map(([instance, at]) => [instance, new Set([at])]));
    while ([...seen.values()].some((times) => times.size < 3)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const [instance, at] of await read()) seen.get(instance)?.add(at);
    }
  } finally {
    await db.end();
  }
}

describe('instances sharing one PostgreSQL database', () => {
  jest.setTimeout(120_000);
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  it('starting a second instance leaves the first one\'s running executions running (no Redis)', async () => {
    cluster = await startCluster(1, { LEASE_TIMEOUT_MS: String(LEASE_TIMEOUT_MS) });
    const [a] = cluster.servers;
    const onA = await new ApiClient(a.baseUrl).login();
    const { id, stream } = await startPaused(a, onA);

    const b = await cluster.add({ LEASE_TIMEOUT_MS: String(LEASE_TIMEOUT_MS) });
    const onB = await new ApiClient(b.baseUrl).login();
    // B has swept what it found at start before it listened: the run on A must still be running.
    expect((await onB.get(`/api/executions/${id}`)).body.data).toMatchObject({ status: 'running' });
    // and B's lease sweeps (every third of the lease) leave it alone while A renews its lease
    await leasesRenewedTwice(cluster.databaseUrl);
    expect((await onB.get(`/api/executions/${id}`)).body.data).toMatchObject({ status: 'running' });

    expect((await onA.post(`/api/executions/${id}/debug`, { action: 'continue' })).status).toBe(200);
    const rest = await readUntil(stream);
    expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 42 } });
    expect(entries(rest).map((e) => e.message)).toEqual(['after the pause']);
  });

  it('SIGKILL of the instance running an execution: a survivor marks it interrupted within the lease time, its log stays whole, streams there end with done', async () => {
    cluster = await startCluster(2, { LEASE_TIMEOUT_MS: String(LEASE_TIMEOUT_MS) });
    const [a, b] = cluster.servers;
    const onA = await new ApiClient(a.baseUrl).login();
    const onB = await new ApiClient(b.baseUrl).login();
    const { id } = await startPaused(a, onA);
    const fromB = await openSse(`${b.baseUrl}/api/logs/${id}`, { cookie: onB.cookieHeader });
    const seenOnB = await readUntil(fromB, (f) => f.event === 'message' && f.data.seq === 50);
    expect(entries(seenOnB).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));

    const killedAt = Date.now();
    await a.kill();
    const end = await readUntil(fromB);
    const took = Date.now() - killedAt;
    expect(end.at(-1)).toMatchObject({ event: 'done', data: { status: 'interrupted', error: { code: 'INTERRUPTED' } } });
    expect(entries(end)).toEqual([]);
    // the lease runs out, then the next sweep (a third of it later) and the stream's next look
    expect(took).toBeLessThan(LEASE_TIMEOUT_MS * 2 + 3000);

    const stored = await onB.get(`/api/executions/${id}/logs?limit=1000`);
    expect(stored.body.data.entries.map((e: { seq: number; message: string }) => `${e.seq} ${e.message}`)).toEqual(
      entries(seenOnB).map((e) => `${e.seq} ${e.message}`),
    );

    // A restarted on its data directory keeps its instance id and runs nothing again.
    const again = await cluster.restart(a);
    const onAgain = await new ApiClient(again.baseUrl).login();
    expect((await onAgain.get(`/api/executions/${id}`)).body.data).toMatchObject({ status: 'interrupted', entry_count: 50 });
  });
});

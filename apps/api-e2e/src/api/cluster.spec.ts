import { Client } from 'pg';
import type { ExecutionStarted, LogEntry, LogPage } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { Cluster, reachableRedis, startCluster } from '../support/cluster';
import { dataOf, entries, openSse, readUntil } from '../support/sse';

// Several instances on one PostgreSQL database (jest.config.cts runs this file in the postgres
// pass only: it makes its own database whatever E2E_DATABASE says).

const LEASE_TIMEOUT_MS = 1500;
const SHUTDOWN_GRACE_MS = 1500;
/** A user's queued and running executions, across the cluster. */
const PER_USER = 4;

/** Fifty entries, then a pause at the breakpoint on line 3 (the debugger holds the run there). */
const FIFTY_THEN_PAUSE = [
  'let i = 1',
  'while (i <= 50) { logPrint("entry " + i); i = i + 1 }',
  'logPrint("after the pause")',
  '42',
].join('\n');

async function startPaused(server: { baseUrl: string }, client: ApiClient) {
  const reply = await client.post<ExecutionStarted>('/api/execute-async', {
    program: FIFTY_THEN_PAUSE,
    debug: { breakpoints: [3] },
  });
  expect(reply.status).toBe(202);
  const id = reply.body.data.execution_id;
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
    const read = async () =>
      new Map(
        (
          await db.query<{ instance: string; renewed_at: string }>('select instance, renewed_at from instance_leases')
        ).rows.map((r) => [r.instance, r.renewed_at]),
      );
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

  it("starting a second instance leaves the first one's running executions running (no Redis)", async () => {
    cluster = await startCluster(1, { LEASE_TIMEOUT_MS: String(LEASE_TIMEOUT_MS) });
    const [a] = cluster.servers;
    const onA = await new ApiClient(a.baseUrl).login();
    const { id, stream } = await startPaused(a, onA);

    const b = await cluster.add({ LEASE_TIMEOUT_MS: String(LEASE_TIMEOUT_MS) });
    const onB = await new ApiClient(b.baseUrl).login();
    // B has swept what it found at start before it listened: the run on A must still be running.
    expect((await onB.get<unknown>(`/api/executions/${id}`)).body.data).toMatchObject({ status: 'running' });
    // and B's lease sweeps (every third of the lease) leave it alone while A renews its lease
    await leasesRenewedTwice(cluster.databaseUrl);
    expect((await onB.get<unknown>(`/api/executions/${id}`)).body.data).toMatchObject({ status: 'running' });

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
    const seenOnB = await readUntil(fromB, (f) => f.event === 'message' && dataOf<LogEntry>(f).seq === 50);
    expect(entries(seenOnB).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));

    const killedAt = Date.now();
    await a.kill();
    const end = await readUntil(fromB);
    const took = Date.now() - killedAt;
    expect(end.at(-1)).toMatchObject({
      event: 'done',
      data: { status: 'interrupted', error: { code: 'INTERRUPTED' } },
    });
    expect(entries(end)).toEqual([]);
    // the lease runs out, then the next sweep (a third of it later) and the stream's next look
    expect(took).toBeLessThan(LEASE_TIMEOUT_MS * 2 + 3000);

    const stored = await onB.get<LogPage>(`/api/executions/${id}/logs?limit=1000`);
    expect(stored.body.data.entries.map((e) => `${e.seq} ${e.message}`)).toEqual(
      entries(seenOnB).map((e) => `${e.seq} ${e.message}`),
    );

    // A restarted on its data directory keeps its instance id and runs nothing again.
    const again = await cluster.restart(a);
    const onAgain = await new ApiClient(again.baseUrl).login();
    expect((await onAgain.get<unknown>(`/api/executions/${id}`)).body.data).toMatchObject({
      status: 'interrupted',
      entry_count: 50,
    });
  });
});

/** 200 entries, about 10 ms apart. */
const TWO_HUNDRED = 'let i = 1\nwhile (i <= 200) { logPrint("entry " + i); sleep(10); i = i + 1 }\n"ok"';
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('a cluster: three instances on one PostgreSQL database and one Redis', () => {
  jest.setTimeout(120_000);
  let cluster: Cluster;
  let clients: ApiClient[];
  beforeAll(async () => {
    const redisUrl = await reachableRedis();
    cluster = await startCluster(3, {
      REDIS_URL: redisUrl,
      LEASE_TIMEOUT_MS: String(LEASE_TIMEOUT_MS),
      SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS),
      MAX_CONCURRENT_PER_USER: String(PER_USER),
    });
    clients = await Promise.all(cluster.servers.map((server) => new ApiClient(server.baseUrl).login()));
  });
  afterAll(() => cluster?.stop());

  it('a run started on A streams live from B and from C at once, each resume gets the rest exactly once', async () => {
    const [onA, onB, onC] = clients;
    const id = await onA.startAsync(TWO_HUNDRED);
    const fromB = await openSse(`${onB.baseUrl}/api/logs/${id}`, { cookie: onB.cookieHeader });
    const fromC = await openSse(`${onC.baseUrl}/api/logs/${id}?after=20`, { cookie: onC.cookieHeader });
    const arrivals: number[] = [];
    const onBAll = (async () => {
      const frames = [];
      for (;;) {
        const next = await fromB.frames.next();
        if (next.done) return frames;
        frames.push(next.value);
        if (next.value.event === 'message') arrivals.push(Date.now());
        if (next.value.event === 'done') return frames;
      }
    })();
    const firstOnC = await readUntil(fromC, (f) => f.event === 'message' && dataOf<LogEntry>(f).seq === 120);
    fromC.close();
    const againOnC = await openSse(`${onC.baseUrl}/api/logs/${id}`, {
      cookie: onC.cookieHeader,
      'last-event-id': '120',
    });
    const restOnC = await readUntil(againOnC);

    const framesOnB = await onBAll;
    expect(entries(framesOnB).map((e) => e.seq)).toEqual(range(1, 200));
    expect(framesOnB.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 'ok' } });
    expect([...entries(firstOnC), ...entries(restOnC)].map((e) => e.seq)).toEqual(range(21, 200));
    expect(restOnC.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
    // Live over Redis, not by looking at PostgreSQL once a second: no pause near a second between entries.
    const gaps = arrivals.slice(1).map((at, k) => at - arrivals[k]);
    expect(Math.max(...gaps)).toBeLessThan(500);
  });

  it('cancel sent to C ends a run on A at once; its stream on B ends with done cancelled', async () => {
    const [onA, onB, onC] = clients;
    const id = await onA.startAsync('let i = 0\nwhile (true) { logPrint("tick " + i); sleep(20); i = i + 1 }');
    const fromB = await openSse(`${onB.baseUrl}/api/logs/${id}`, { cookie: onB.cookieHeader });
    await readUntil(fromB, (f) => f.event === 'message' && dataOf<LogEntry>(f).seq === 5);
    const asked = Date.now();
    const cancel = await onC.post(`/api/executions/${id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toEqual({ result: 'OK', data: { execution_id: id, status: 'cancelled' } });
    expect(Date.now() - asked).toBeLessThan(2000);
    const rest = await readUntil(fromB);
    expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'cancelled' } });
    expect((await onC.post(`/api/executions/${id}/cancel`)).status).toBe(409);
  });

  it('debugs from B a run started on A: pause, step, continue', async () => {
    const [onA, onB] = clients;
    const program = ['let a = 1', 'logPrint("a is " + a)', 'let b = a + 1', 'logPrint("b is " + b)', 'b'].join('\n');
    const reply = await onA.post<ExecutionStarted>('/api/execute-async', { program, debug: { breakpoints: [2] } });
    expect(reply.status).toBe(202);
    const id = reply.body.data.execution_id;
    const fromB = await openSse(`${onB.baseUrl}/api/logs/${id}`, { cookie: onB.cookieHeader });
    const first = await readUntil(fromB, (f) => f.event === 'paused');
    expect(first.at(-1)?.data).toMatchObject({ line: 2 });
    expect((await onB.post(`/api/executions/${id}/debug`, { action: 'step' })).status).toBe(200);
    const stepped = await readUntil(fromB, (f) => f.event === 'paused');
    expect(stepped.map((f) => f.event)).toEqual(['resumed', 'message', 'paused']);
    expect(stepped.at(-1)?.data).toMatchObject({ line: 3 });
    expect((await onB.post(`/api/executions/${id}/debug`, { action: 'continue' })).status).toBe(200);
    const rest = await readUntil(fromB);
    expect(entries(rest).map((e) => e.message)).toEqual(['b is 2']);
    expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 2 } });
    expect((await onB.post(`/api/executions/${id}/debug`, { action: 'continue' })).status).toBe(409);
  });

  it("a user's quota counts their runs on every instance: the one too many is refused whichever instance gets it", async () => {
    const [onA, onB, onC] = clients;
    const forever = 'while (true) { sleep(50) }';
    const ids = [
      await onA.startAsync(forever),
      await onA.startAsync(forever),
      await onB.startAsync(forever),
      await onC.startAsync(forever),
    ];
    for (const client of [onA, onB, onC]) {
      const refused = await client.post<unknown>('/api/execute-async', { program: forever });
      expect(refused.status).toBe(429);
      expect(refused.body.error?.code).toBe('TOO_MANY_EXECUTIONS');
    }
    expect((await onC.post(`/api/executions/${ids[0]}/cancel`)).status).toBe(200);
    ids.push(await onB.startAsync(forever));
    expect((await onA.post('/api/execute-async', { program: forever })).status).toBe(429);
    for (const id of ids.slice(1)) expect((await onA.post(`/api/executions/${id}/cancel`)).status).toBe(200);
  });

  // last: it stops instance A
  it('SIGTERM: a run that ends within the grace period succeeds, the rest is marked interrupted, streams on A close and resume elsewhere', async () => {
    const [a] = cluster.servers;
    const [onA, onB] = clients;
    const short = await onA.startAsync('sleep(300)\n"short"');
    const long = await onA.startAsync('let i = 0\nwhile (true) { logPrint("tick " + i); sleep(20); i = i + 1 }');
    const shortOnB = await openSse(`${onB.baseUrl}/api/logs/${short}`, { cookie: onB.cookieHeader });
    const longOnB = await openSse(`${onB.baseUrl}/api/logs/${long}`, { cookie: onB.cookieHeader });
    const longOnA = await openSse(`${onA.baseUrl}/api/logs/${long}`, { cookie: onA.cookieHeader });
    await readUntil(longOnA, (f) => f.event === 'message' && dataOf<LogEntry>(f).seq === 3);

    const stopped = a.stop();
    expect((await readUntil(shortOnB)).at(-1)).toMatchObject({
      event: 'done',
      data: { status: 'succeeded', result: 'short' },
    });
    const onAUntilClosed = await readUntil(longOnA);
    expect(onAUntilClosed.some((f) => f.event === 'done')).toBe(false);
    await stopped;
    expect((await readUntil(longOnB)).at(-1)).toMatchObject({ event: 'done', data: { status: 'interrupted' } });

    const lastSeen = entries(onAUntilClosed).at(-1)?.seq ?? 3;
    const resumed = await readUntil(
      await openSse(`${onB.baseUrl}/api/logs/${long}`, { cookie: onB.cookieHeader, 'last-event-id': String(lastSeen) }),
    );
    expect(resumed.at(-1)).toMatchObject({ event: 'done', data: { status: 'interrupted' } });
    expect(entries(resumed).every((e) => e.seq > lastSeen)).toBe(true);
  });
});

import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
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

/** Where the cluster's database says an execution runs, or ran. */
async function instanceOf(databaseUrl: string, id: string): Promise<string | null> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query<{ instance: string | null }>('select instance from executions where id = $1', [id])).rows[0]
      .instance;
  } finally {
    await db.end();
  }
}

// A runs every execution (B and C take none from the queue, RUNS_EXECUTIONS=false), so what is
// seen on B and C crossed over Redis.
describe('a cluster: three instances on one PostgreSQL database and one Redis', () => {
  jest.setTimeout(120_000);
  let cluster: Cluster;
  let clients: ApiClient[];
  beforeAll(async () => {
    const redisUrl = await reachableRedis();
    cluster = await startCluster(0, {
      REDIS_URL: redisUrl,
      LEASE_TIMEOUT_MS: String(LEASE_TIMEOUT_MS),
      SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS),
      MAX_CONCURRENT_PER_USER: String(PER_USER),
    });
    await cluster.add({ INSTANCE_ID: 'a', MAX_CONCURRENT_TOTAL: String(PER_USER) });
    await cluster.add({ INSTANCE_ID: 'b', RUNS_EXECUTIONS: 'false' });
    await cluster.add({ INSTANCE_ID: 'c', RUNS_EXECUTIONS: 'false' });
    clients = await Promise.all(cluster.servers.map((server) => new ApiClient(server.baseUrl).login()));
  });
  afterAll(() => cluster?.stop());

  it('POST /api/execute on an instance that runs nothing is run by one that does, and answers its value', async () => {
    const [, onB] = clients;
    const reply = await onB.post<unknown>('/api/execute', { program: 'logPrint("here"); add(40, 2)' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ result: 'OK', data: 42 });
    const id = reply.headers.get('x-execution-id') as string;
    expect(await instanceOf(cluster.databaseUrl, id)).toBe('a');
    const stored = await onB.get<LogPage>(`/api/executions/${id}/logs`);
    expect(stored.body.data.entries.map((e) => e.message)).toEqual(['here']);
  });

  it('an execution waiting in the queue is cancelled from any instance: it never runs, its stream ends at once', async () => {
    const [onA, onB, onC] = clients;
    const forever = 'while (true) { sleep(50) }';
    // A's places (MAX_CONCURRENT_TOTAL) all taken: the next one waits in the queue
    const holding = await Promise.all(Array.from({ length: PER_USER }, () => onA.startAsync(forever)));
    const name = `waiting-${Date.now()}`;
    const other = await onA.addUser(name, 'waiting-password-1');
    const waiting = await other.startAsync('logPrint("never")');
    const onCAsOther = await new ApiClient(onC.baseUrl).login(name, 'waiting-password-1');
    const stream = await openSse(`${onC.baseUrl}/api/logs/${waiting}`, { cookie: onCAsOther.cookieHeader });
    expect((await readUntil(stream, (f) => f.event === 'status')).at(-1)?.data).toEqual({ status: 'queued' });

    const onBAsOther = await new ApiClient(onB.baseUrl).login(name, 'waiting-password-1');
    const cancel = await onBAsOther.post(`/api/executions/${waiting}/cancel`);
    expect(cancel.body).toEqual({ result: 'OK', data: { execution_id: waiting, status: 'cancelled' } });
    expect((await readUntil(stream)).at(-1)).toMatchObject({ event: 'done', data: { status: 'cancelled' } });
    // published to its Redis Stream for the streams elsewhere, not left to their once-a-second look at PostgreSQL
    const redis = new Redis(await reachableRedis());
    const published = await redis.xrange(`chariot:log:${waiting}`, '-', '+');
    redis.disconnect();
    const messages = published.map(([, fields]) => JSON.parse(fields[1]) as { done?: { status: string } });
    expect(messages.map((m) => m.done?.status)).toEqual(['cancelled']);

    for (const id of holding) expect((await onB.post(`/api/executions/${id}/cancel`)).status).toBe(200);
    // its job, had it stayed, would have been taken once a place freed: it never ran
    const row = await onBAsOther.get<{ status: string; started_at: string | null; entry_count: number }>(
      `/api/executions/${waiting}`,
    );
    expect(row.body.data).toMatchObject({ status: 'cancelled', started_at: null, entry_count: 0 });
    expect(await instanceOf(cluster.databaseUrl, waiting)).toBeNull();
  });

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
    // the detail on B says where the run on A waits
    expect((await onB.get<{ paused: unknown }>(`/api/executions/${id}`)).body.data.paused).toMatchObject({ line: 2 });
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

/** Sums a counter over every instance's /api/metrics (one series, by its labels). */
async function clusterCounter(cluster: Cluster, series: string): Promise<number> {
  let total = 0;
  for (const server of cluster.servers) {
    const text = await (await fetch(`${server.baseUrl}/api/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    total += line ? Number(line.slice(series.length + 1)) : 0;
  }
  return total;
}

/** The cluster's BullMQ queue, as an outsider (a lost lock, an instance dying) would deliver its jobs again. */
async function clusterQueue(cluster: Cluster, redisUrl: string) {
  const database = new URL(cluster.databaseUrl).pathname.slice(1);
  const redis = new Redis(redisUrl);
  const [meta] = await redis.keys(`chariot:executions.${database}.*:meta`);
  redis.disconnect();
  if (!meta) throw new Error(`no queue of database ${database} in Redis`);
  const name = meta.slice('chariot:'.length, -':meta'.length);
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(name, { connection, prefix: 'chariot' });
  const events = new QueueEvents(name, { connection, prefix: 'chariot' });
  await events.waitUntilReady();
  return {
    /** Delivers the job of an execution once more and resolves with what the instance that took it did. */
    async deliverAgain(executionId: string): Promise<unknown> {
      const job = await queue.add('run', { executionId }, { jobId: `${executionId}-again-${Date.now()}` });
      return job.waitUntilFinished(events, 60_000);
    },
    close: () => Promise.all([queue.close(), events.close()]),
  };
}

/** Waits until no execution of the cluster is queued or running. */
async function allEnded(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        "select count(*) as n from executions where status in ('queued', 'running')",
      );
      if (Number(rows[0].n) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.end();
  }
}

describe('work distribution: every instance takes executions from one shared queue', () => {
  jest.setTimeout(300_000);
  let cluster: Cluster;
  let redisUrl: string;
  let admins: ApiClient[];
  beforeAll(async () => {
    redisUrl = await reachableRedis();
    cluster = await startCluster(3, { REDIS_URL: redisUrl, LEASE_TIMEOUT_MS: String(LEASE_TIMEOUT_MS) });
    admins = await Promise.all(cluster.servers.map((server) => new ApiClient(server.baseUrl).login()));
  });
  afterAll(() => cluster?.stop());

  it('500 executions started across the three instances all run exactly once, each with its log whole', async () => {
    const users = 5;
    const perUser = 100;
    const lines = 20;
    const program = `let i = 1\nwhile (i <= ${lines}) { logPrint("line " + i); i = i + 1 }\n"done"`;
    // each user signed in on every instance; execution k goes to instance k % 3
    const clients: ApiClient[][] = [];
    for (let u = 0; u < users; u++) {
      const name = `spread-${u}-${Date.now()}`;
      await admins[0].addUser(name, 'spread-password-1');
      clients.push(
        await Promise.all(cluster.servers.map((s) => new ApiClient(s.baseUrl).login(name, 'spread-password-1'))),
      );
    }
    const ranBefore = await clusterCounter(cluster, 'chariot_jobs_delivered_total{outcome="ran"}');
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < users * perUser) {
          const k = next++;
          ids[k] = await clients[k % users][k % 3].startAsync(program);
        }
      }),
    );
    expect(new Set(ids).size).toBe(users * perUser);
    await allEnded(cluster.databaseUrl);

    const db = new Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    try {
      const rows = (
        await db.query<{ id: string; status: string; instance: string; entry_count: number; started_at: string }>(
          'select id, status, instance, entry_count, started_at from executions where id = any($1)',
          [ids],
        )
      ).rows;
      expect(rows).toHaveLength(ids.length);
      expect(rows.filter((r) => r.status !== 'succeeded' || r.entry_count !== lines || !r.started_at)).toEqual([]);
      // any instance runs any execution
      expect(new Set(rows.map((r) => r.instance)).size).toBe(3);
      const logs = (
        await db.query<{ n: string; low: number; high: number }>(
          'select count(*) as n, min(seq) as low, max(seq) as high from log_entries where execution_id = any($1) group by execution_id',
          [ids],
        )
      ).rows;
      expect(logs).toHaveLength(ids.length);
      expect(logs.filter((l) => Number(l.n) !== lines || l.low !== 1 || l.high !== lines)).toEqual([]);
    } finally {
      await db.end();
    }
    // run exactly once: one delivery that ran per execution, over the whole cluster
    expect((await clusterCounter(cluster, 'chariot_jobs_delivered_total{outcome="ran"}')) - ranBefore).toBe(ids.length);
    const sample = await clients[0][1].get<LogPage>(`/api/executions/${ids[0]}/logs`);
    expect(sample.body.data.entries.map((e) => e.message)).toEqual(range(1, lines).map((n) => `line ${n}`));
  });

  it('a job delivered again, while its execution runs and after it ended, runs nothing', async () => {
    const [onA, onB] = admins;
    const queue = await clusterQueue(cluster, redisUrl);
    try {
      const { id, stream } = await startPaused(cluster.servers[0], onA);
      const before = await onB.get<{ started_at: string; entry_count: number }>(`/api/executions/${id}`);
      const runsOn = await instanceOf(cluster.databaseUrl, id);
      const notQueuedBefore = await clusterCounter(cluster, 'chariot_jobs_delivered_total{outcome="not-queued"}');

      expect(await queue.deliverAgain(id)).toBe('not-queued');
      expect((await onB.post(`/api/executions/${id}/debug`, { action: 'continue' })).status).toBe(200);
      const rest = await readUntil(stream);
      expect(entries(rest).map((e) => e.message)).toEqual(['after the pause']);
      expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 42 } });
      expect(await queue.deliverAgain(id)).toBe('not-queued');

      const after = await onB.get<{ status: string; started_at: string; entry_count: number }>(`/api/executions/${id}`);
      expect(after.body.data).toMatchObject({
        status: 'succeeded',
        started_at: before.body.data.started_at,
        entry_count: 51,
      });
      expect(await instanceOf(cluster.databaseUrl, id)).toBe(runsOn);
      const stored = await onB.get<LogPage>(`/api/executions/${id}/logs?limit=1000`);
      expect(stored.body.data.entries.map((e) => e.seq)).toEqual(range(1, 51));
      expect(
        (await clusterCounter(cluster, 'chariot_jobs_delivered_total{outcome="not-queued"}')) - notQueuedBefore,
      ).toBe(2);
    } finally {
      await queue.close();
    }
  });

  it('an execution whose job never reached the queue (its instance died in between) is marked interrupted, not left waiting', async () => {
    const [onA] = admins;
    const db = new Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    try {
      const { id: ownerId } = (await db.query<{ id: string }>("select id from users where username = 'admin'")).rows[0];
      const id = '00000000-0000-4000-8000-00000000dead';
      // the row as execute-async stores it, and no job: the instance stopped before adding it
      await db.query(
        `insert into executions (id, owner_id, owner, program, status, created_at, entry_count, dropped_count)
         values ($1, $2, 'admin', '1', 'queued', $3, 0, 0)`,
        [id, ownerId, new Date(Date.now() - 60_000).toISOString()],
      );
      for (;;) {
        const detail = await onA.get<{ status: string; error: { code: string } | null }>(`/api/executions/${id}`);
        if (detail.body.data.status !== 'queued') {
          expect(detail.body.data).toMatchObject({ status: 'interrupted', error: { code: 'INTERRUPTED' } });
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await db.end();
    }
  });

  it('the 101st concurrent run of one user is refused whichever instance gets it', async () => {
    const name = `hundred-${Date.now()}`;
    await admins[0].addUser(name, 'hundred-password-1');
    const onEach = await Promise.all(
      cluster.servers.map((s) => new ApiClient(s.baseUrl).login(name, 'hundred-password-1')),
    );
    const forever = 'while (true) { sleep(50) }';
    const ids: string[] = [];
    for (let k = 0; k < 100; k++) ids.push(await onEach[k % 3].startAsync(forever));
    for (const client of onEach) {
      const refused = await client.post<unknown>('/api/execute-async', { program: forever });
      expect(refused.status).toBe(429);
      expect(refused.body.error?.code).toBe('TOO_MANY_EXECUTIONS');
      expect((await client.post<unknown>('/api/execute', { program: '1' })).status).toBe(429);
    }
    const cancelled = await Promise.all(
      ids.map((id, k) => onEach[(k + 1) % 3].post<{ status: string }>(`/api/executions/${id}/cancel`)),
    );
    expect(cancelled.filter((r) => r.status !== 200 || r.body.data.status !== 'cancelled')).toEqual([]);
    expect((await onEach[2].post<unknown>('/api/execute', { program: 'add(1, 2)' })).body).toEqual({
      result: 'OK',
      data: 3,
    });
  });
});

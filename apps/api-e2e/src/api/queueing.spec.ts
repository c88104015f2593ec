import { expect } from '@jest/globals';
import type { DoneEvent, ExecutionDetail, ExecutionPage, LogPage, StatusEvent } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { collect, dataOf, entries, lastData, openSse, readUntil, SseConnection } from '../support/sse';
import { e2eDatabase, RunningServer, startServer } from '../support/server';

/** Holds the server's single place to run until it is cancelled. */
const HOLD = 'sleep(600000)';

describe(`queueing past the running capacity (${e2eDatabase})`, () => {
  let server: RunningServer;
  let admin: ApiClient;
  let alice: ApiClient;
  let bob: ApiClient;
  let carol: ApiClient;

  beforeAll(async () => {
    // One place to run, a queue of four, three running or queued executions per user.
    server = await startServer({ MAX_CONCURRENT_TOTAL: '1', MAX_QUEUED: '4', MAX_CONCURRENT_PER_USER: '3' });
    admin = await new ApiClient(server.baseUrl).login();
    alice = await admin.addUser('alice', 'alices-password');
    bob = await admin.addUser('bob', 'bobs-password');
    carol = await admin.addUser('carol', 'carols-password');
  });
  afterAll(() => server.stop());

  // Each test starts with nothing running or queued: queued ones are cancelled first, so the
  // place the running one frees goes to nobody.
  afterEach(async () => {
    for (const status of ['queued', 'running']) {
      for (const client of [admin, alice, bob, carol]) {
        const { items } = (await client.get<ExecutionPage>(`/api/executions?status=${status}`)).body.data;
        for (const { id } of items) await client.post(`/api/executions/${id}/cancel`);
      }
    }
  });

  const stream = (client: ApiClient, id: string) =>
    openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: client.cookieHeader });
  const detail = async (client: ApiClient, id: string) =>
    (await client.get<ExecutionDetail>(`/api/executions/${id}`)).body.data;

  /** Starts the execution that takes the single place, and checks that it has it. */
  async function hold(): Promise<string> {
    const id = await admin.startAsync(HOLD);
    expect((await detail(admin, id)).status).toBe('running');
    return id;
  }

  /** The first frame of a stream: the status at connect time. */
  async function firstStatus(connection: SseConnection): Promise<string> {
    const [first] = await readUntil(connection, () => true);
    expect(first.event).toBe('status');
    return dataOf<StatusEvent>(first).status;
  }

  it('streams status queued, then running once a place frees, then its own lines and done', async () => {
    const holder = await hold();
    const id = await alice.startAsync('logPrint("one"); logPrint("two"); 40 + 2');
    expect(await detail(alice, id)).toMatchObject({ status: 'queued', started_at: null });
    const pending = await alice.get(`/api/result/${id}`);
    expect(pending.status).toBe(202);
    expect(pending.body).toEqual({ result: 'PENDING', data: { execution_id: id, status: 'queued', started_at: null } });

    const connection = await stream(alice, id);
    expect(await firstStatus(connection)).toBe('queued');
    await admin.post(`/api/executions/${holder}/cancel`);
    const frames = await collect(connection);

    expect(frames.map((f) => f.event)).toEqual(['status', 'message', 'message', 'done']);
    expect(frames[0].data).toEqual({ status: 'running' });
    expect(entries(frames).map((e) => [e.seq, e.message])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect(frames.at(-1)?.data).toEqual({ status: 'succeeded', result: 42 });
    const ran = await detail(alice, id);
    const held = await detail(admin, holder);
    expect(ran.status).toBe('succeeded');
    expect(Date.parse(ran.started_at as string)).toBeGreaterThanOrEqual(Date.parse(held.finished_at as string));
  });

  it('lets a synchronous execute wait in the queue and answer with its value', async () => {
    const holder = await hold();
    const reply = alice.post('/api/execute', { program: 'add(1, 2)' });
    // Wait until it is queued (a condition, not a delay), then free the place.
    for (;;) {
      const { items } = (await alice.get<ExecutionPage>('/api/executions?status=queued')).body.data;
      if (items.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.post(`/api/executions/${holder}/cancel`);
    expect((await reply).body).toEqual({ result: 'OK', data: 3 });
  });

  it('cancels a queued execution: it ends cancelled and its stream done, without ever starting or logging', async () => {
    const holder = await hold();
    const id = await alice.startAsync('logPrint("never")');
    const other = await alice.startAsync('logPrint("neither")');
    const connection = await stream(alice, id);
    expect(await firstStatus(connection)).toBe('queued');

    const deleted = await alice.request('DELETE', `/api/executions/${other}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body).toMatchObject({ result: 'ERROR', error: { code: 'EXECUTION_RUNNING' } });

    const cancel = await alice.post(`/api/executions/${id}/cancel`);
    expect(cancel.body).toEqual({ result: 'OK', data: { execution_id: id, status: 'cancelled' } });
    const frames = await collect(connection);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ event: 'done', data: { status: 'cancelled', error: { code: 'CANCELLED' } } });
    expect(await detail(alice, id)).toMatchObject({ status: 'cancelled', started_at: null, entry_count: 0 });
    expect((await alice.get<LogPage>(`/api/executions/${id}/logs`)).body.data.entries).toEqual([]);
    expect((await alice.post(`/api/executions/${id}/cancel`)).status).toBe(409);
    // The place stayed with the holder, and the other queued one still waits.
    expect((await detail(admin, holder)).status).toBe('running');
    expect((await detail(alice, other)).status).toBe('queued');
  });

  it("takes turns between users: bob's one run starts before alice's third, though queued after it", async () => {
    const holder = await hold();
    const mine = [];
    for (const name of ['a1', 'a2', 'a3']) mine.push(await alice.startAsync(`sleep(100); "${name}"`));
    const theirs = await bob.startAsync('sleep(100); "b1"');
    const connections = await Promise.all([...mine.map((id) => stream(alice, id)), stream(bob, theirs)]);
    await admin.post(`/api/executions/${holder}/cancel`);
    for (const connection of connections)
      expect(lastData<DoneEvent>(await collect(connection))?.status).toBe('succeeded');

    const runs = [...(await Promise.all(mine.map((id) => detail(alice, id)))), await detail(bob, theirs)];
    const byStart = [...runs].sort((x, y) => Date.parse(x.started_at as string) - Date.parse(y.started_at as string));
    expect(byStart.map((r) => r.result)).toEqual(['a1', 'b1', 'a2', 'a3']);
    // One place: each starts after the one before it has ended.
    for (let i = 1; i < byStart.length; i++) {
      expect(Date.parse(byStart[i].started_at as string)).toBeGreaterThanOrEqual(
        Date.parse(byStart[i - 1].finished_at as string),
      );
    }
  });

  it("answers 429 TOO_MANY_EXECUTIONS past a user's own quota, and SERVER_BUSY once the queue is full", async () => {
    await hold();
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await alice.startAsync('1'));
    const overQuota = await alice.post<unknown>('/api/execute-async', { program: '1' });
    expect(overQuota.status).toBe(429);
    expect(overQuota.body).toEqual({
      result: 'ERROR',
      data: null,
      error: { code: 'TOO_MANY_EXECUTIONS', message: expect.any(String) },
    });

    await bob.startAsync('1'); // the fourth in the queue: full
    for (const client of [carol, admin]) {
      const busy = await client.post<unknown>('/api/execute-async', { program: '1' });
      expect(busy.status).toBe(429);
      expect(busy.body).toEqual({
        result: 'ERROR',
        data: null,
        error: { code: 'SERVER_BUSY', message: expect.any(String) },
      });
    }
    const busySync = await carol.post('/api/execute', { program: '1' });
    expect(busySync.status).toBe(429);

    // A cancel makes room in the queue and in alice's quota.
    await alice.post(`/api/executions/${mine[0]}/cancel`);
    expect((await carol.post('/api/execute-async', { program: '1' })).status).toBe(202);
    await alice.post(`/api/executions/${mine[1]}/cancel`);
    expect((await alice.post('/api/execute-async', { program: '1' })).status).toBe(202);
  });

  it('shows the queue in the metrics', async () => {
    await hold();
    await alice.startAsync('1');
    const text = (await new ApiClient(server.baseUrl).get('/api/metrics')).text;
    expect(text).toMatch(/^chariot_executions_running 1$/m);
    expect(text).toMatch(/^chariot_executions_queued 1$/m);
    expect(text).toMatch(/^chariot_executions\{status="queued"\} 1$/m);
  });
});

describe(`queued executions across a restart (${e2eDatabase})`, () => {
  it('marks executions a dead process left queued interrupted at the next start, as it does running ones', async () => {
    const first = await startServer({ MAX_CONCURRENT_TOTAL: '1' });
    const before = await new ApiClient(first.baseUrl).login();
    const running = await before.startAsync(HOLD);
    const queued = await before.startAsync('logPrint("never")');
    expect((await before.get<ExecutionDetail>(`/api/executions/${queued}`)).body.data.status).toBe('queued');
    await first.kill();

    const second = await startServer(first.env, first.dataDir);
    try {
      const after = await new ApiClient(second.baseUrl).login();
      for (const id of [running, queued]) {
        expect((await after.get<unknown>(`/api/executions/${id}`)).body.data).toMatchObject({
          status: 'interrupted',
          error: { code: 'INTERRUPTED' },
        });
      }
      const frames = await collect(
        await openSse(`${second.baseUrl}/api/logs/${queued}`, { cookie: after.cookieHeader }),
      );
      expect(frames.map((f) => f.event)).toEqual(['status', 'done']);
      expect(lastData<DoneEvent>(frames)?.status).toBe('interrupted');
    } finally {
      await second.stop();
    }
  });
});

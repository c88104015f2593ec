import { Logger } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import type { ApiEnvelope } from '@chariot/contract';
import {
  ApiException,
  AuthenticatedUser,
  ManualClock,
  randomIds,
  SequentialIds,
  systemClock,
} from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import type { RunOutcome, RunRequest, RuntimeService, ScriptRun } from '@chariot/api-runtime';
import { ChariotDb, migrateToLatest, openDatabase } from '@chariot/api-storage';
import { ExecutionMetrics } from './execution-metrics';
import { ExecutionStore } from './execution-store';
import { InstanceLease } from './instance-lease';
import { ExecutionsService } from './executions.service';
import { LogStream } from './log-stream';

/** A run the test ends by hand; `program` names it. */
interface FakeRun {
  program: string;
  end(outcome?: RunOutcome): void;
  stopped: string | undefined;
}

/** Records what the service starts, in order, and lets the test end each run. */
function fakeRuntime() {
  const started: FakeRun[] = [];
  const runtime = {
    start(request: RunRequest): ScriptRun {
      let end!: (outcome: RunOutcome) => void;
      const outcome = new Promise<RunOutcome>((resolve) => (end = resolve));
      const run: FakeRun = {
        program: request.program,
        stopped: undefined,
        end: (result = { status: 'succeeded', value: request.program, droppedEntries: 0, variables: [] }) =>
          end(result),
      };
      started.push(run);
      return {
        outcome,
        pausedAt: undefined,
        resume: () => false,
        stop: (reason: 'cancelled' | 'timed_out') => {
          run.stopped = reason;
          end({
            status: reason,
            error: { code: reason.toUpperCase(), message: reason },
            droppedEntries: 0,
            variables: null,
          });
        },
      } as unknown as ScriptRun;
    },
  };
  return { runtime: runtime as unknown as RuntimeService, started, names: () => started.map((r) => r.program) };
}

const user = (name: string): AuthenticatedUser => ({ id: name, username: name, role: 'user', sessionId: name });
const alice = user('alice');
const bob = user('bob');

/** The status and error code a refused start answers with. */
async function refusal(start: Promise<unknown>): Promise<{ status: number; code: string | undefined }> {
  try {
    await start;
  } catch (error) {
    if (error instanceof ApiException)
      return { status: error.getStatus(), code: (error.getResponse() as ApiEnvelope).error?.code };
    throw error;
  }
  throw new Error('the start was not refused');
}

/** Resolves once `condition` holds (checked every few ms), or fails after 5 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('ExecutionsService queueing', () => {
  let db: ChariotDb;
  let store: ExecutionStore;
  let fake: ReturnType<typeof fakeRuntime>;
  let service: ExecutionsService;
  const ended = new Set<FakeRun>();

  function create(limits: Partial<Pick<AppConfig, 'MAX_CONCURRENT_TOTAL' | 'MAX_CONCURRENT_PER_USER' | 'MAX_QUEUED'>>) {
    const config = Object.assign(new AppConfig(), limits);
    service = new ExecutionsService(
      fake.runtime,
      store,
      config,
      new ExecutionMetrics(),
      new InstanceLease(db, store, config),
      systemClock,
      randomIds,
    );
  }

  /** Ends the oldest run still going and waits until its place went to the next one, or nobody waited. */
  async function endOldest(): Promise<void> {
    const run = fake.started.find((r) => r.stopped === undefined && !ended.has(r));
    if (!run) throw new Error('nothing runs');
    ended.add(run);
    const [started, running] = [fake.started.length, service.runningCount];
    run.end();
    await until(() => fake.started.length > started || service.runningCount < running);
  }

  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(async () => {
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    store = new ExecutionStore(db, systemClock);
    fake = fakeRuntime();
    ended.clear();
  });
  afterEach(() => db.destroy());

  it('stores an execution past the running capacity as queued, with no start time, and runs it when a place frees', async () => {
    create({ MAX_CONCURRENT_TOTAL: 1 });
    const first = await service.start(alice, 'a1');
    const second = await service.start(alice, 'a2');
    expect(second.status).toBe('queued');
    expect(await store.get(second.id)).toMatchObject({ status: 'queued', started_at: null });
    expect([service.runningCount, service.queuedCount]).toEqual([1, 1]);
    expect(fake.names()).toEqual(['a1']);

    await endOldest();
    expect(await store.get(first.id)).toMatchObject({ status: 'succeeded' });
    expect(second.status).toBe('running');
    expect((await store.get(second.id))?.started_at).toEqual(expect.any(String));
    expect(fake.names()).toEqual(['a1', 'a2']);
    expect([service.runningCount, service.queuedCount]).toEqual([1, 0]);
  });

  it('takes turns between users and keeps each user first in, first out', async () => {
    create({ MAX_CONCURRENT_TOTAL: 1 });
    for (const name of ['a1', 'a2', 'a3', 'a4']) await service.start(alice, name);
    for (const name of ['b1', 'b2']) await service.start(bob, name);
    for (let i = 0; i < 5; i++) await endOldest();
    expect(fake.names()).toEqual(['a1', 'a2', 'b1', 'a3', 'b2', 'a4']);
  });

  it('cancels a queued execution without ever starting it, and its stream ends with done', async () => {
    create({ MAX_CONCURRENT_TOTAL: 1 });
    await service.start(alice, 'hold');
    const queued = await service.start(alice, 'never');
    const connection = new PassThrough();
    let text = '';
    connection.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const ended = new Promise((resolve) => connection.on('end', resolve));
    new LogStream({
      executionId: queued.id,
      after: 0,
      store,
      live: await service.ownedLive(queued.id, alice),
      sink: connection,
    }).start();
    const row = await service.cancel(queued.id, alice);
    expect(row).toMatchObject({ status: 'cancelled', started_at: null, entry_count: 0 });
    expect(JSON.parse(row.error_json ?? '{}')).toMatchObject({ code: 'CANCELLED' });
    await ended;
    expect([...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual(['status', 'done']);
    expect(service.queuedCount).toBe(0);
    await endOldest();
    expect(fake.names()).toEqual(['hold']);
    expect(service.runningCount).toBe(0);
  });

  it("counts a user's queued executions against their quota: 429 TOO_MANY_EXECUTIONS", async () => {
    create({ MAX_CONCURRENT_TOTAL: 1, MAX_CONCURRENT_PER_USER: 2 });
    await service.start(alice, 'a1');
    await service.start(alice, 'a2');
    expect(await refusal(service.start(alice, 'a3'))).toEqual({ status: 429, code: 'TOO_MANY_EXECUTIONS' });
    await expect(service.start(bob, 'b1')).resolves.toMatchObject({ status: 'queued' });
  });

  it('answers 429 SERVER_BUSY when the queue is full, and queues again once it has room', async () => {
    create({ MAX_CONCURRENT_TOTAL: 1, MAX_QUEUED: 1 });
    await service.start(alice, 'a1');
    await service.start(alice, 'a2');
    expect(await refusal(service.start(bob, 'b1'))).toEqual({ status: 429, code: 'SERVER_BUSY' });
    await endOldest();
    await expect(service.start(bob, 'b1')).resolves.toMatchObject({ status: 'queued' });
  });

  it('starts nothing from the queue while shutting down; the rows stay queued for markInterrupted', async () => {
    create({ MAX_CONCURRENT_TOTAL: 1 });
    await service.start(alice, 'a1');
    const queued = await service.start(alice, 'a2');
    service.onApplicationShutdown();
    await until(() => service.runningCount === 0);
    expect(fake.names()).toEqual(['a1']);
    expect(await store.get(queued.id)).toMatchObject({ status: 'queued' });
    expect(await store.markInterrupted()).toBe(1);
  });
});

describe('ExecutionsService ownership, debugger and retention (on a manual clock and counted ids)', () => {
  const MINUTE = 60_000;
  let db: ChariotDb;
  let clock: ManualClock;
  let store: ExecutionStore;
  let fake: ReturnType<typeof fakeRuntime>;
  let service: ExecutionsService;

  function create(settings: Partial<Pick<AppConfig, 'RETENTION_MINUTES' | 'RETENTION_MAX_PER_USER'>> = {}): void {
    const config = Object.assign(new AppConfig(), settings);
    service = new ExecutionsService(
      fake.runtime,
      store,
      config,
      new ExecutionMetrics(),
      new InstanceLease(db, store, config),
      clock,
      new SequentialIds(),
    );
  }

  /** Starts a program as `user` and lets its run end; resolves once the end is stored. */
  async function runToEnd(user: AuthenticatedUser, program: string): Promise<string> {
    const before = fake.started.length;
    const live = await service.start(user, program);
    // the run starts once the user's stored log bytes are read (the storage quota)
    await until(() => fake.started.length > before);
    fake.started[fake.started.length - 1].end();
    await live.finished;
    return live.id;
  }

  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(async () => {
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    clock = new ManualClock('2026-03-01T12:00:00.000Z');
    store = new ExecutionStore(db, clock);
    fake = fakeRuntime();
  });
  afterEach(() => db.destroy());

  it('records an execution with the id and times its providers give', async () => {
    create();
    const live = await service.start(alice, 'a');
    expect(live.id).toBe(id(1));
    clock.advance(1500);
    await until(() => fake.started.length === 1);
    fake.started[0].end();
    await live.finished;
    expect(await store.get(id(1))).toMatchObject({
      status: 'succeeded',
      created_at: '2026-03-01T12:00:00.000Z',
      started_at: '2026-03-01T12:00:00.000Z',
      finished_at: '2026-03-01T12:00:01.500Z',
    });
  });

  it("answers another user's execution as 404 NOT_FOUND, the same as an unknown id, whatever they ask", async () => {
    create();
    const live = await service.start(alice, 'mine');
    const asks = (user: AuthenticatedUser, executionId: string) => [
      service.get(executionId, user),
      service.detail(executionId, user),
      service.ownedLive(executionId, user),
      service.entries(executionId, user, { after: 0, limit: 10 }),
      service.debug(executionId, user, 'continue'),
      service.cancel(executionId, user),
      service.delete(executionId, user),
    ];
    for (const ask of [...asks(bob, live.id), ...asks(alice, id(99))]) {
      expect(await refusal(ask)).toEqual({ status: 404, code: 'NOT_FOUND' });
    }
    expect(fake.started[0].stopped).toBeUndefined();
    await expect(service.ownedLive(live.id, alice)).resolves.toBe(live);
  });

  it('answers 409 NOT_PAUSED to a debugger action while the run goes on and after it ended', async () => {
    create();
    const live = await service.start(alice, 'busy');
    expect(await refusal(service.debug(live.id, alice, 'step'))).toEqual({ status: 409, code: 'NOT_PAUSED' });
    fake.started[0].end();
    await live.finished;
    expect(await refusal(service.debug(live.id, alice, 'continue'))).toEqual({ status: 409, code: 'NOT_PAUSED' });
  });

  it('deletes ended executions once RETENTION_MINUTES have passed since they finished, never a running one', async () => {
    create({ RETENTION_MINUTES: 10 });
    const ended = await runToEnd(alice, 'old');
    const running = await service.start(alice, 'still running');
    clock.advance(10 * MINUTE - 1);
    expect(await service.removeExpired()).toBe(0);
    clock.advance(2);
    expect(await service.removeExpired()).toBe(1);
    expect(await store.get(ended)).toBeUndefined();
    expect(await store.get(running.id)).toMatchObject({ status: 'running' });
  });

  it('keeps only the newest RETENTION_MAX_PER_USER ended executions of each user', async () => {
    create({ RETENTION_MAX_PER_USER: 2 });
    const mine: string[] = [];
    for (const program of ['a1', 'a2', 'a3']) {
      mine.push(await runToEnd(alice, program));
      clock.advance(1000);
    }
    const bobs = await runToEnd(bob, 'b1');
    expect(await service.removeExpired()).toBe(1);
    expect(await store.get(mine[0])).toBeUndefined();
    for (const kept of [mine[1], mine[2], bobs]) expect(await store.get(kept)).toBeDefined();
  });
});

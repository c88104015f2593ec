import { firstValueFrom, shareReplay, toArray } from 'rxjs';
import { ChariotDb, migrateToLatest, openDatabase } from '@chariot/api-storage';
import { ExecutionStore } from './execution-store';
import { LiveExecution } from './live-execution';
import { readLog } from './log-reader';
import type { StreamEvent } from './stream-event';

const seqs = (events: StreamEvent[]) => events.flatMap((e) => (e.kind === 'entry' ? [e.entry.seq] : []));

describe('LiveExecution and readLog', () => {
  let db: ChariotDb;
  let store: ExecutionStore;
  let live: LiveExecution | undefined;

  beforeEach(async () => {
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    store = new ExecutionStore(db);
    const now = new Date().toISOString();
    await store.insert({
      id: 'x', owner_id: 'u', owner: 'u', program: '', status: 'running', created_at: now, started_at: now,
      finished_at: null, result_json: null, error_json: null, entry_count: 0, dropped_count: 0, progress_percent: null, progress_message: null,
    });
    live = new LiveExecution('x', 'u', store);
  });
  afterEach(() => db.destroy());

  const read = (after: number) => readLog({ executionId: 'x', after, store, live: () => (live?.done ? undefined : live) });

  it('announces an entry to readers only once it is stored', async () => {
    const execution = live as LiveExecution;
    execution.append('INFO', 'a', new Date());
    expect(execution.storedSeq).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(execution.storedSeq).toBe(1);
    expect(await store.readEntries('x', { after: 0, limit: 10 })).toHaveLength(1);
  });

  it('gives readers that join before, during and after the run exactly 1..N, then done', async () => {
    const execution = live as LiveExecution;
    const early = firstValueFrom(read(0).pipe(toArray()));
    for (let i = 0; i < 1200; i++) execution.append('INFO', `m${i}`, new Date());
    await new Promise((r) => setTimeout(r, 5));
    const middle = firstValueFrom(read(3).pipe(toArray()));
    for (let i = 1200; i < 2000; i++) execution.append('DEBUG', `m${i}`, new Date());
    await execution.finish({ status: 'succeeded', result: 7 }, 0);
    const late = await firstValueFrom(read(1990).pipe(toArray()));
    const all = Array.from({ length: 2000 }, (_, i) => i + 1);
    expect(seqs(await early)).toEqual(all);
    expect(seqs(await middle)).toEqual(all.slice(3));
    expect(seqs(late)).toEqual(all.slice(1990));
    for (const events of [await early, await middle, late]) {
      expect(events[0].kind).toBe('status');
      expect(events.at(-1)).toMatchObject({ kind: 'done', done: { status: 'succeeded', result: 7 }, lastSeq: 2000 });
    }
  });

  it('sends a pause after the entries logged before it, again to a late reader, then resumed', async () => {
    const execution = live as LiveExecution;
    const kinds = (events: StreamEvent[]) => events.map((e) => (e.kind === 'entry' ? `entry ${e.entry.seq}` : e.kind));
    const early = firstValueFrom(read(0).pipe(toArray()));
    execution.append('INFO', 'a', new Date());
    execution.append('INFO', 'b', new Date());
    const paused = { line: 3, column: 1, depth: 0, variables: [] };
    execution.pause(paused);
    expect(execution.paused).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(execution.paused).toBe(paused);
    const late = firstValueFrom(read(0).pipe(toArray()));
    await new Promise((r) => setTimeout(r, 50));
    execution.resume('step');
    execution.append('INFO', 'c', new Date());
    await execution.finish({ status: 'succeeded', result: 1 }, 0);
    expect(execution.paused).toBeNull();
    const expected = ['status', 'entry 1', 'entry 2', 'paused', 'resumed', 'entry 3', 'done'];
    expect(kinds(await early)).toEqual(expected);
    expect(kinds(await late)).toEqual(expected);
    expect((await late).find((e) => e.kind === 'paused')).toMatchObject({ paused, lastSeq: 2 });
    expect((await late).find((e) => e.kind === 'resumed')).toMatchObject({ resumed: { action: 'step' }, lastSeq: 2 });
  });

  it('announces nothing for a pause that ended before its entries were stored', async () => {
    const execution = live as LiveExecution;
    const events = firstValueFrom(read(0).pipe(toArray()));
    execution.append('INFO', 'a', new Date());
    execution.pause({ line: 1, column: 1, depth: 0, variables: [] });
    execution.resume('continue');
    await execution.finish({ status: 'succeeded', result: 1 }, 0);
    expect((await events).map((e) => e.kind)).toEqual(['status', 'entry', 'done']);
  });

  it('tells a reader of a queued execution when it starts running, after its row says so', async () => {
    await db.updateTable('executions').set({ status: 'queued', started_at: null }).where('id', '=', 'x').execute();
    const execution = new LiveExecution('x', 'u', store, undefined, 'queued');
    live = execution;
    const stream = read(0).pipe(shareReplay());
    const events = firstValueFrom(stream.pipe(toArray()));
    expect(await firstValueFrom(stream)).toMatchObject({ kind: 'status', status: 'queued' });
    await store.markStarted('x', new Date().toISOString());
    execution.markRunning();
    execution.append('INFO', 'a', new Date());
    await execution.finish({ status: 'succeeded', result: 1 }, 0);
    const got = await events;
    expect(got.map((e) => (e.kind === 'status' ? `status ${e.status}` : e.kind))).toEqual(['status queued', 'status running', 'entry', 'done']);
  });

  it('ends the stream of an execution cancelled while queued with done and no status change', async () => {
    const execution = new LiveExecution('x', 'u', store, undefined, 'queued');
    live = execution;
    const events = firstValueFrom(read(0).pipe(toArray()));
    await execution.finish({ status: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled while queued' } }, 0);
    expect((await events).map((e) => e.kind)).toEqual(['status', 'done']);
    expect((await events)[0]).toMatchObject({ kind: 'status', status: 'queued' });
  });

  it('filters levels without losing its place', async () => {
    const execution = live as LiveExecution;
    const warnings = firstValueFrom(readLog({ executionId: 'x', after: 0, store, levels: ['WARN'], live: () => (execution.done ? undefined : execution) }).pipe(toArray()));
    execution.append('INFO', 'i', new Date());
    execution.append('WARN', 'w', new Date());
    execution.append('INFO', 'i2', new Date());
    execution.append('WARN', 'w2', new Date());
    await execution.finish({ status: 'succeeded' }, 0);
    expect(seqs(await warnings)).toEqual([2, 4]);
  });

  it('stores the latest progress and sends it to a late reader', async () => {
    const execution = live as LiveExecution;
    execution.setProgress({ percent: 10, message: 'start' });
    execution.setProgress({ percent: 90, message: 'almost' });
    await execution.finish({ status: 'succeeded' }, 0);
    const events = await firstValueFrom(read(0).pipe(toArray()));
    expect(events.find((e) => e.kind === 'progress')).toMatchObject({ progress: { percent: 90, message: 'almost' } });
  });
});

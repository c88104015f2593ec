import { systemClock } from '@chariot/api-common';
import { ChariotDb, ExecutionsTable, migrateToLatest, openDatabase } from '@chariot/api-storage';
import type { VariableSnapshot } from '@chariot/contract';
import { ExecutionRow, ExecutionStore, toDetail, toSummary } from './execution-store';

function row(id: string, owner: string, over: Partial<ExecutionRow> = {}): ExecutionRow {
  return {
    id,
    owner_id: owner,
    owner,
    program: '1',
    status: 'succeeded',
    created_at: '2026-01-01T00:00:00.000Z',
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: '2026-01-01T00:00:01.000Z',
    result_json: '1',
    error_json: null,
    entry_count: 0,
    dropped_count: 0,
    progress_percent: null,
    progress_message: null,
    ...over,
  };
}

describe('ExecutionStore', () => {
  let db: ChariotDb;
  let store: ExecutionStore;

  beforeEach(async () => {
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    store = new ExecutionStore(db, systemClock);
  });
  afterEach(() => db.destroy());

  it('appends entries in batches and reads them back in order, filtered by level and text', async () => {
    await store.insert(row('e1', 'u1', { status: 'running', finished_at: null }));
    await store.appendEntries(
      'e1',
      [
        { seq: 1, timestamp: 't', level: 'INFO', message: 'Hello 100%' },
        { seq: 2, timestamp: 't', level: 'ERROR', message: 'boom' },
      ],
      { percent: 50, message: 'half' },
    );
    await store.appendEntries('e1', [{ seq: 3, timestamp: 't', level: 'INFO', message: 'hello_again' }], undefined);
    expect((await store.readEntries('e1', { after: 0, limit: 10 })).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await store.readEntries('e1', { after: 1, limit: 1 })).map((e) => e.seq)).toEqual([2]);
    expect((await store.readEntries('e1', { after: 0, limit: 10, upTo: 2 })).map((e) => e.seq)).toEqual([1, 2]);
    expect((await store.readEntries('e1', { after: 0, limit: 10, levels: ['ERROR'] })).map((e) => e.seq)).toEqual([2]);
    expect((await store.readEntries('e1', { after: 0, limit: 10, text: 'HELLO' })).map((e) => e.seq)).toEqual([1, 3]);
    // LIKE wildcards in the search text are literal.
    expect((await store.readEntries('e1', { after: 0, limit: 10, text: '%' })).map((e) => e.seq)).toEqual([1]);
    expect((await store.readEntries('e1', { after: 0, limit: 10, text: '_' })).map((e) => e.seq)).toEqual([3]);
    const summary = toSummary((await store.get('e1')) as ExecutionRow);
    expect(summary).toMatchObject({ entry_count: 3, progress: { percent: 50, message: 'half' } });
  });

  it('stores the batches of executions that log at once together, each with its own counters and progress', async () => {
    const running = { status: 'running', finished_at: null, result_json: null };
    for (const id of ['a', 'b', 'c']) await store.insert(row(id, 'u1', running));
    await store.appendEntries('c', [], { percent: 10, message: 'early' });
    const line = (seq: number, message = `line ${seq}`) => ({ seq, timestamp: 't', level: 'INFO' as const, message });
    await Promise.all([
      store.appendEntries(
        'a',
        Array.from({ length: 250 }, (_, k) => line(k + 1)),
        undefined,
      ),
      store.appendEntries('b', [line(1, 'nul \u0000 here')], { percent: 50, message: 'half \u0000 \ud83d' }),
      store.appendEntries('c', [], undefined),
    ]);
    expect(await store.get('a')).toMatchObject({ entry_count: 250, progress_percent: null });
    expect(await store.get('b')).toMatchObject({
      entry_count: 1,
      progress_percent: 50,
      progress_message: 'half \u2400 \ufffd',
    });
    // no entries and no progress in this batch: what it had stays
    expect(await store.get('c')).toMatchObject({ entry_count: 0, progress_percent: 10, progress_message: 'early' });
    expect((await store.readEntries('a', { after: 0, limit: 1000 })).map((e) => e.seq)).toEqual(
      Array.from({ length: 250 }, (_, k) => k + 1),
    );
    expect((await store.readEntries('b', { after: 0, limit: 10 }))[0].message).toBe('nul \u2400 here');
  });

  it('stores the variable snapshot with the outcome and reads it only for the detail', async () => {
    const variables: VariableSnapshot[] = [{ name: 'a', type: 'S', value: 'x', truncated: false, scope: 'program' }];
    const detail = async (id: string) => toDetail((await store.getWithVariables(id)) as ExecutionsTable);
    await store.insert(row('v', 'u1', { status: 'running', finished_at: null, result_json: null }));
    expect(await detail('v')).toMatchObject({ status: 'running', variables: null });
    await store.finish('v', {
      status: 'failed',
      error: { code: 'RUNTIME_ERROR', message: 'division by zero' },
      droppedCount: 0,
      variables,
    });
    expect(await detail('v')).toMatchObject({ status: 'failed', error: { code: 'RUNTIME_ERROR' }, variables });
    expect(await store.get('v')).not.toHaveProperty('variables_json');
    expect((await store.list('u1', undefined, 10, 0)).items[0]).not.toHaveProperty('variables_json');
    await store.insert(row('stopped', 'u1', { status: 'running', finished_at: null }));
    await store.finish('stopped', {
      status: 'cancelled',
      error: { code: 'CANCELLED', message: 'execution cancelled' },
      droppedCount: 0,
      variables: null,
    });
    expect((await detail('stopped')).variables).toBeNull();
  });

  it('marks running executions interrupted, and only those', async () => {
    await store.insert(row('running', 'u1', { status: 'running', finished_at: null }));
    await store.insert(row('done', 'u1'));
    expect(await store.markInterrupted()).toBe(1);
    expect((await store.get('running'))?.status).toBe('interrupted');
    expect((await store.get('done'))?.status).toBe('succeeded');
  });

  it("marks by instance: its own and unassigned ones at its start, a lapsed lease's on a sweep, never a live instance's", async () => {
    const running = { status: 'running', finished_at: null };
    await store.insert(row('mine', 'u1', running), 'a');
    await store.insert(row('legacy', 'u1', running));
    await store.insert(row('live-b', 'u1', running), 'b');
    await store.insert(row('dead-c', 'u1', running), 'c');
    await store.insert(row('gone-d', 'u1', running), 'd');
    await db
      .insertInto('instance_leases')
      .values([
        { instance: 'b', started_at: '2026-01-01T00:00:00.000Z', renewed_at: '2026-01-01T00:01:00.000Z' },
        { instance: 'c', started_at: '2026-01-01T00:00:00.000Z', renewed_at: '2026-01-01T00:00:10.000Z' },
      ])
      .execute();
    // waiting in the cluster's shared queue: any instance's to take, no instance's to mark at its start
    await store.insert(row('shared', 'u1', { status: 'queued', started_at: null, finished_at: null }));
    expect(await store.markInterrupted({ instance: 'a' })).toBe(2);
    expect((await store.get('shared'))?.status).toBe('queued');
    expect(await store.markInterrupted({ withoutLeaseSince: '2026-01-01T00:00:30.000Z' })).toBe(2);
    const status = async (id: string) => (await store.get(id))?.status;
    expect([
      await status('mine'),
      await status('legacy'),
      await status('live-b'),
      await status('dead-c'),
      await status('gone-d'),
    ]).toEqual(['interrupted', 'interrupted', 'running', 'interrupted', 'interrupted']);
  });

  it('lets exactly one instance claim an execution of the shared queue, and none once it is cancelled', async () => {
    const queued = { status: 'queued', started_at: null, finished_at: null, result_json: null, program: 'logPrint(1)' };
    await store.insert(row('job', 'u1', queued));
    const claims = await Promise.all([
      store.claim('job', 'a', '2026-01-01T00:00:05.000Z'),
      store.claim('job', 'b', '2026-01-01T00:00:05.000Z'),
    ]);
    expect(claims.filter(Boolean)).toEqual([{ id: 'job', owner_id: 'u1', program: 'logPrint(1)' }]);
    // delivered again later: already taken
    expect(await store.claim('job', 'c', '2026-01-01T00:00:09.000Z')).toBeUndefined();
    expect(await store.get('job')).toMatchObject({ status: 'running', started_at: '2026-01-01T00:00:05.000Z' });
    expect(await store.endQueued(['job'], 'cancelled', { code: 'CANCELLED', message: 'x' })).toBe(0);

    await store.insert(row('cancelled', 'u1', queued));
    expect(await store.endQueued(['cancelled'], 'cancelled', { code: 'CANCELLED', message: 'x' })).toBe(1);
    expect(await store.claim('cancelled', 'a', '2026-01-01T00:00:05.000Z')).toBeUndefined();
    expect(await store.get('cancelled')).toMatchObject({ status: 'cancelled', started_at: null });

    // a queued row of one instance's own queue is not the shared queue's
    await store.insert(row('local', 'u1', queued), 'a');
    expect(await store.claim('local', 'b', '2026-01-01T00:00:05.000Z')).toBeUndefined();
    expect(await store.endQueued(['local'], 'cancelled', { code: 'CANCELLED', message: 'x' })).toBe(0);
  });

  it('lists long-waiting executions of the shared queue, oldest first, and marks the lost ones interrupted', async () => {
    const queued = (created_at: string) => ({ status: 'queued', created_at, started_at: null, finished_at: null });
    await store.insert(row('new', 'u1', queued('2026-01-01T00:10:00.000Z')));
    await store.insert(row('older', 'u1', queued('2026-01-01T00:02:00.000Z')));
    await store.insert(row('oldest', 'u1', queued('2026-01-01T00:01:00.000Z')));
    await store.insert(row('mine', 'u1', queued('2026-01-01T00:01:00.000Z')), 'a');
    expect(await store.sharedQueuedIds('2026-01-01T00:05:00.000Z', 10)).toEqual(['oldest', 'older']);
    expect(await store.sharedQueuedIds('2026-01-01T00:05:00.000Z', 1)).toEqual(['oldest']);
    expect(
      await store.endQueued(['oldest', 'new', 'mine'], 'interrupted', { code: 'INTERRUPTED', message: 'lost' }),
    ).toBe(2);
    expect((await store.get('mine'))?.status).toBe('queued');
    expect(await store.get('oldest')).toMatchObject({
      status: 'interrupted',
      error_json: '{"code":"INTERRUPTED","message":"lost"}',
    });
    expect(await store.endQueued([], 'interrupted', { code: 'INTERRUPTED', message: 'lost' })).toBe(0);
  });

  it('finds executions past the age cutoff or beyond the newest N per user, never running ones', async () => {
    await store.insert(row('old', 'u1', { finished_at: '2026-01-01T00:00:00.000Z' }));
    await store.insert(
      row('recent', 'u1', { created_at: '2026-03-01T00:00:00.000Z', finished_at: '2026-03-01T00:00:00.000Z' }),
    );
    await store.insert(row('old-running', 'u1', { status: 'running', finished_at: null }));
    for (let i = 0; i < 3; i++) {
      await store.insert(
        row(`u2-${i}`, 'u2', {
          created_at: `2026-03-0${i + 1}T00:00:00.000Z`,
          finished_at: '2026-03-05T00:00:00.000Z',
        }),
      );
    }
    const expired = await store.expiredIds('2026-02-01T00:00:00.000Z', 2);
    expect(expired.sort()).toEqual(['old', 'u2-0']);
  });

  it('deletes an execution with its entries', async () => {
    await store.insert(row('gone', 'u1'));
    await store.appendEntries('gone', [{ seq: 1, timestamp: 't', level: 'INFO', message: 'x' }], undefined);
    await store.delete('gone');
    expect(await store.get('gone')).toBeUndefined();
    expect(await store.readEntries('gone', { after: 0, limit: 10 })).toEqual([]);
  });
});

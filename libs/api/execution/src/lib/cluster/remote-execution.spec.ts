import { systemClock } from '@chariot/api-common';
import { ChariotDb, migrateToLatest, openDatabase } from '@chariot/api-storage';
import type { LogEntry, PausedEvent } from '@chariot/contract';
import { ExecutionRow, ExecutionStore } from '../execution-store';
import { LiveListener } from '../live-execution';
import { ALL_LEVELS, LogTail } from '../log-tail';
import { PublishedState } from './log-events';
import { RemoteExecution } from './remote-execution';

const entry = (seq: number): LogEntry => ({
  seq,
  timestamp: '2026-01-01T00:00:00.000Z',
  level: 'INFO',
  message: `line ${seq}`,
});
const entries = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => entry(from + k));
const state = (over: Partial<PublishedState> = {}): PublishedState => ({
  entries: [],
  status: 'running',
  paused: null,
  ...over,
});

/** The sequence numbers of the frames a caught-up reader at `after` gets from the tail. */
function seqsInTail(remote: RemoteExecution, after: number): number[] {
  const read = remote.tail.read(after, ALL_LEVELS, Number.MAX_SAFE_INTEGER);
  return [...(read?.text ?? '').matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
}

describe('RemoteExecution', () => {
  let db: ChariotDb;
  let store: ExecutionStore;
  let remote: RemoteExecution;
  let wakes: number;

  beforeEach(async () => {
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    store = new ExecutionStore(db, systemClock);
    const row: ExecutionRow = {
      id: 'x',
      owner_id: 'u',
      owner: 'u',
      program: '1',
      status: 'running',
      created_at: 't',
      started_at: 't',
      finished_at: null,
      result_json: null,
      error_json: null,
      entry_count: 0,
      dropped_count: 0,
      progress_percent: null,
      progress_message: null,
    };
    await store.insert(row, 'other');
    await store.appendEntries('x', entries(1, 10), undefined);
    remote = new RemoteExecution({ ...row, entry_count: 10 }, store, new LogTail(1000, 1 << 20));
    await remote.seed(10, 5);
    wakes = 0;
    const listener: LiveListener = { wake: () => wakes++ };
    remote.listeners.add(listener);
  });
  afterEach(() => db.destroy());

  it('starts with the newest stored entries in its tail; older ones are read from storage', () => {
    expect(remote.storedSeq).toBe(10);
    expect(seqsInTail(remote, 5)).toEqual([6, 7, 8, 9, 10]);
    expect(remote.tail.read(4, ALL_LEVELS, 1000)).toBeUndefined();
  });

  it('skips entries it has, and reads from storage what Redis skipped, so its tail has no gap', async () => {
    await store.appendEntries('x', entries(11, 20), undefined);
    // a message replayed from before the seed, then one after a trimmed stretch (11..15 missing)
    await remote.apply([state({ entries: entries(8, 10) }), state({ entries: entries(16, 20) })]);
    expect(remote.storedSeq).toBe(20);
    expect(seqsInTail(remote, 5)).toEqual(entries(6, 20).map((e) => e.seq));
    expect(wakes).toBe(2);
  });

  it('reads from storage the entries a message left out for their size, up to where it says they are stored', async () => {
    await store.appendEntries('x', entries(11, 30), undefined);
    await remote.apply([state({ entries: [], through: 25 })]);
    expect(remote.storedSeq).toBe(25);
    expect(seqsInTail(remote, 10)).toEqual(entries(11, 25).map((e) => e.seq));
    await remote.apply([state({ entries: entries(26, 30) })]);
    expect(remote.storedSeq).toBe(30);
  });

  it('keeps one pause object while the pause lasts, and records the action that ended it', async () => {
    // only its identity and content matter here, not its fields
    const pause = { line: 3, column: 1, depth: 0, variables: [] } as unknown as PausedEvent;
    await remote.apply([state({ paused: { ...pause } })]);
    const first = remote.paused;
    await remote.apply([state({ paused: { ...pause }, progress: { percent: 50, message: 'half' } })]);
    expect(remote.paused).toBe(first);
    expect(remote.progress).toEqual({ percent: 50, message: 'half' });
    await remote.apply([state({ paused: null, lastAction: 'step' })]);
    expect(remote.paused).toBeNull();
    expect(remote.lastAction).toBe('step');
  });

  it('ends with every stored entry, then tells its readers once and lets them go', async () => {
    await store.appendEntries('x', entries(11, 12), undefined);
    await remote.apply([state({ done: { status: 'succeeded', result: 3 } })]);
    expect(remote.storedSeq).toBe(12);
    expect(remote.done).toEqual({ status: 'succeeded', result: 3 });
    expect(remote.status).toBe('succeeded');
    expect(remote.listeners.size).toBe(0);
    await remote.apply([state({ entries: entries(13, 13) })]);
    expect(remote.storedSeq).toBe(12);
  });

  it('ends from the stored row when nobody published the end (its instance died)', async () => {
    await store.appendEntries('x', entries(11, 11), undefined);
    await store.markInterrupted({ instance: 'other' });
    await remote.applyRow((await store.get('x')) as ExecutionRow);
    expect(remote.storedSeq).toBe(11);
    expect(remote.done).toMatchObject({ status: 'interrupted', error: { code: 'INTERRUPTED' } });
  });
});

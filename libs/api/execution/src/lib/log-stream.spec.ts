import { Writable } from 'node:stream';
import type { ExecutionStatus, LogEntry, LogLevel, ProgressEvent } from '@chariot/contract';
import { systemClock } from '@chariot/api-common';
import { ChariotDb, migrateToLatest, openDatabase } from '@chariot/api-storage';
import { ExecutionStore } from './execution-store';
import { LiveExecution } from './live-execution';
import { LogStream } from './log-stream';
import { LogTail } from './log-tail';

interface Frame {
  event: string;
  id: string;
  data: string;
}

/** A connection that collects what is written; with `hold`, it takes nothing until released. */
class Connection extends Writable {
  text = '';
  private held: (() => void)[] = [];
  readonly finished = new Promise<void>((resolve) => this.once('finish', resolve));

  constructor(private hold = false) {
    super({ highWaterMark: 1024, decodeStrings: false });
  }

  override _write(chunk: string, _encoding: string, done: () => void): void {
    this.text += chunk;
    if (this.hold) this.held.push(done);
    else done();
  }

  release(): void {
    this.hold = false;
    for (const done of this.held.splice(0)) done();
  }

  get frames(): Frame[] {
    return this.text
      .split('\n\n')
      .filter(Boolean)
      .filter((f) => !f.startsWith(':'))
      .map((f) => {
        const field = (name: string) => [...f.matchAll(/^(\w+): (.*)$/gm)].find((m) => m[1] === name)?.[2] ?? '';
        return { event: field('event') || 'entry', id: field('id'), data: field('data') };
      });
  }

  get seqs(): number[] {
    return this.frames.filter((f) => f.event === 'entry').map((f) => (JSON.parse(f.data) as LogEntry).seq);
  }

  get kinds(): string[] {
    return this.frames.map((f) =>
      f.event === 'entry'
        ? `entry ${(JSON.parse(f.data) as LogEntry).seq}`
        : f.event === 'status'
          ? `status ${(JSON.parse(f.data) as { status: ExecutionStatus }).status}`
          : f.event,
    );
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 2));
};

describe('LogStream over a LiveExecution', () => {
  let db: ChariotDb;
  let store: ExecutionStore;
  let live: LiveExecution;

  beforeEach(async () => {
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    store = new ExecutionStore(db, systemClock);
    const now = new Date().toISOString();
    await store.insert({
      id: 'x',
      owner_id: 'u',
      owner: 'u',
      program: '',
      status: 'running',
      created_at: now,
      started_at: now,
      finished_at: null,
      result_json: null,
      error_json: null,
      entry_count: 0,
      dropped_count: 0,
      progress_percent: null,
      progress_message: null,
    });
    live = new LiveExecution('x', 'u', store);
  });
  afterEach(() => db.destroy());

  /** A client stream from `after`; it follows `live` until the execution has ended, then storage. */
  function read(after: number, options: { levels?: LogLevel[]; hold?: boolean } = {}): Connection {
    const connection = new Connection(options.hold);
    new LogStream({
      executionId: 'x',
      after,
      levels: options.levels,
      store,
      live: live.done ? undefined : live,
      sink: connection,
    }).start();
    return connection;
  }

  it('announces an entry to readers only once it is stored', async () => {
    const reader = read(0);
    live.append('INFO', 'a', new Date());
    expect(live.storedSeq).toBe(0);
    expect(reader.seqs).toEqual([]);
    await until(() => live.storedSeq === 1);
    expect(reader.seqs).toEqual([1]);
    expect(await store.readEntries('x', { after: 0, limit: 10 })).toHaveLength(1);
  });

  it('gives readers that join before, during and after the run exactly 1..N, then done', async () => {
    const early = read(0);
    for (let i = 0; i < 1200; i++) live.append('INFO', `m${i}`, new Date());
    await new Promise((r) => setTimeout(r, 5));
    const middle = read(3);
    for (let i = 1200; i < 2000; i++) live.append('DEBUG', `m${i}`, new Date());
    await live.finish({ status: 'succeeded', result: 7 }, 0);
    const late = read(1990);
    await Promise.all([early.finished, middle.finished, late.finished]);
    expect(early.seqs).toEqual(range(1, 2000));
    expect(middle.seqs).toEqual(range(4, 2000));
    expect(late.seqs).toEqual(range(1991, 2000));
    for (const reader of [early, middle, late]) {
      expect(reader.frames[0].event).toBe('status');
      expect(reader.frames.at(-1)).toEqual({ event: 'done', id: '2000', data: '{"status":"succeeded","result":7}' });
    }
  });

  it('writes all frames that are ready in one write', async () => {
    const reader = read(0);
    const writes: string[] = [];
    const write = reader.write.bind(reader);
    reader.write = ((chunk: string) => (writes.push(chunk), write(chunk))) as typeof reader.write;
    for (let i = 0; i < 300; i++) live.append('INFO', `m${i}`, new Date());
    await until(() => live.storedSeq === 300);
    expect(writes).toHaveLength(1);
    expect(reader.seqs).toEqual(range(1, 300));
  });

  it('lets a slow reader fall behind the tail, read storage, rejoin, and miss nothing', async () => {
    live = new LiveExecution('x', 'u', store, undefined, 'running', new LogTail(50, 1 << 20));
    const slow = read(0, { hold: true });
    const fast = read(0);
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 100; i++) live.append('INFO', `m${round}-${i}`, new Date());
      await until(() => live.storedSeq === (round + 1) * 100);
    }
    // the slow one took one write and waits for its connection to drain; the other kept up
    expect(slow.writableLength).toBeLessThan(300 * 1024);
    expect(fast.seqs).toEqual(range(1, 2000));
    const storageReads = jest.spyOn(store, 'readEntries');
    slow.release();
    await until(() => slow.seqs.length === 2000);
    expect(storageReads).toHaveBeenCalled();
    for (let i = 0; i < 10; i++) live.append('INFO', `after ${i}`, new Date());
    await live.finish({ status: 'succeeded', result: 1 }, 0);
    await Promise.all([slow.finished, fast.finished]);
    expect(slow.seqs).toEqual(range(1, 2010));
    expect(fast.seqs).toEqual(range(1, 2010));
  });

  it('sends a pause after the entries logged before it, again to a late reader, then resumed', async () => {
    const early = read(0);
    live.append('INFO', 'a', new Date());
    live.append('INFO', 'b', new Date());
    const paused = { line: 3, column: 1, depth: 0, variables: [] };
    live.pause(paused);
    expect(live.paused).toBeNull();
    await until(() => live.paused === paused);
    const late = read(0);
    live.resume('step');
    live.append('INFO', 'c', new Date());
    await live.finish({ status: 'succeeded', result: 1 }, 0);
    await Promise.all([early.finished, late.finished]);
    const expected = ['status running', 'entry 1', 'entry 2', 'paused', 'resumed', 'entry 3', 'done'];
    expect(early.kinds).toEqual(expected);
    expect(late.kinds).toEqual(expected);
    expect(late.frames.find((f) => f.event === 'paused')).toMatchObject({ id: '2', data: JSON.stringify(paused) });
    expect(late.frames.find((f) => f.event === 'resumed')).toMatchObject({ id: '2', data: '{"action":"step"}' });
  });

  it('announces nothing for a pause that ended before its entries were stored', async () => {
    const reader = read(0);
    live.append('INFO', 'a', new Date());
    live.pause({ line: 1, column: 1, depth: 0, variables: [] });
    live.resume('continue');
    await live.finish({ status: 'succeeded', result: 1 }, 0);
    await reader.finished;
    expect(reader.kinds).toEqual(['status running', 'entry 1', 'done']);
  });

  it('tells a reader of a queued execution when it starts running', async () => {
    await db.updateTable('executions').set({ status: 'queued', started_at: null }).where('id', '=', 'x').execute();
    live = new LiveExecution('x', 'u', store, undefined, 'queued');
    const reader = read(0);
    expect(reader.kinds).toEqual(['status queued']);
    await store.markStarted('x', new Date().toISOString());
    live.markRunning();
    live.append('INFO', 'a', new Date());
    await live.finish({ status: 'succeeded', result: 1 }, 0);
    await reader.finished;
    expect(reader.kinds).toEqual(['status queued', 'status running', 'entry 1', 'done']);
    expect(reader.text.startsWith('event: status\nid: 0\nretry: 2000\n')).toBe(true);
  });

  it('ends the stream of an execution cancelled while queued with done and no status change', async () => {
    live = new LiveExecution('x', 'u', store, undefined, 'queued');
    const reader = read(0);
    await live.finish({ status: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled while queued' } }, 0);
    await reader.finished;
    expect(reader.kinds).toEqual(['status queued', 'done']);
  });

  it('filters levels without losing its place, live and from storage', async () => {
    const warnings = read(0, { levels: ['WARN'] });
    live.append('INFO', 'i', new Date());
    live.append('WARN', 'w', new Date());
    live.append('INFO', 'i2', new Date());
    live.append('WARN', 'w2', new Date());
    await live.finish({ status: 'succeeded' }, 0);
    const late = read(0, { levels: ['WARN'] });
    await Promise.all([warnings.finished, late.finished]);
    expect(warnings.seqs).toEqual([2, 4]);
    expect(late.seqs).toEqual([2, 4]);
    expect(late.frames.at(-1)).toMatchObject({ event: 'done', id: '4' });
  });

  it('sends the latest progress, live and to a late reader', async () => {
    const early = read(0);
    live.setProgress({ percent: 10, message: 'start' });
    await until(() => early.kinds.includes('progress'));
    live.setProgress({ percent: 90, message: 'almost' });
    await live.finish({ status: 'succeeded' }, 0);
    const late = read(0);
    await Promise.all([early.finished, late.finished]);
    expect(
      early.frames.filter((f) => f.event === 'progress').map((f) => (JSON.parse(f.data) as ProgressEvent).percent),
    ).toEqual([10, 90]);
    expect(late.frames.filter((f) => f.event === 'progress').map((f) => JSON.parse(f.data) as ProgressEvent)).toEqual([
      { percent: 90, message: 'almost' },
    ]);
  });

  it('stops following when the connection closes', async () => {
    const connection = new Connection();
    const stream = new LogStream({ executionId: 'x', after: 0, store, live, sink: connection });
    stream.start();
    expect(live.listeners.size).toBe(1);
    stream.close();
    expect(live.listeners.size).toBe(0);
    live.append('INFO', 'a', new Date());
    await until(() => live.storedSeq === 1);
    expect(connection.seqs).toEqual([]);
  });
});

import { expect } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ApiErrorBody, LogEntry } from '@chariot/contract';
import type { ScriptRun } from '@chariot/api-runtime';
import type { ExecutionEnd, ExecutionStore } from './execution-store';
import { LiveExecution } from './live-execution';
import { ALL_LEVELS } from './log-tail';
import { LogSource, LogWriter } from './log-writer';

/** A store whose log writes fail while `failing` holds, and that records what it stored. */
function fakeStore() {
  const stored: LogEntry[] = [];
  const ends: ExecutionEnd[] = [];
  const writer = new LogWriter((appends) => {
    fake.attempts++;
    const entries = appends.flatMap((a) => a.entries);
    if (fake.failing(entries)) return Promise.reject(new Error('invalid byte sequence'));
    stored.push(...entries);
    return Promise.resolve();
  });
  const fake = {
    failing: (entries: LogEntry[]) => entries.length < 0,
    attempts: 0,
    stored,
    ends,
    requestLogWrite: (source: LogSource) => writer.request(source),
    finish: (_id: string, end: ExecutionEnd) => {
      ends.push(end);
      return Promise.resolve();
    },
  };
  return fake;
}

describe('LiveExecution', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['error', 'warn', 'log']);
  });
  afterEach(() => jest.useRealTimers());

  it('gives up a batch that fails five times, stops the run, and ends it as failed with LOG_STORAGE_FAILED', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const store = fakeStore();
    store.failing = (entries) => entries.some((e) => e.message === 'poison');
    const live = new LiveExecution('e1', 'u1', store as unknown as ExecutionStore);
    let stoppedWith: ApiErrorBody | undefined;
    live.run = { stop: (_reason: string, error: ApiErrorBody) => (stoppedWith = error) } as unknown as ScriptRun;
    live.append('INFO', 'fine', new Date());
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(live.storedSeq).toBe(1);
    live.append('INFO', 'poison', new Date());
    // 0.5 + 1 + 2 + 4 s of back-off between the five attempts
    for (let i = 0; i < 40 && !stoppedWith; i++) {
      await jest.advanceTimersByTimeAsync(500);
    }
    expect(store.attempts).toBe(6);
    expect(stoppedWith).toMatchObject({ code: 'LOG_STORAGE_FAILED' });
    live.append('INFO', 'after giving up', new Date()); // not taken
    await live.finish({ status: 'succeeded', result: 1 }, 0, []);
    expect(store.ends).toEqual([
      {
        status: 'failed',
        error: expect.objectContaining({ code: 'LOG_STORAGE_FAILED' }),
        droppedCount: 0,
        variables: null,
      },
    ]);
    expect(live.done).toMatchObject({ status: 'failed', error: { code: 'LOG_STORAGE_FAILED' } });
    expect(store.stored.map((e) => e.message)).toEqual(['fine']);
  });

  it('stores a batch that fails a few times, in order, once storage answers again', async () => {
    const store = fakeStore();
    let failures = 2;
    store.failing = () => failures-- > 0;
    const live = new LiveExecution('e1', 'u1', store as unknown as ExecutionStore);
    live.append('INFO', 'one', new Date());
    live.append('INFO', 'two', new Date());
    await live.finish({ status: 'succeeded', result: 1 }, 0, []);
    expect(store.stored.map((e) => [e.seq, e.message])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect(live.done).toEqual({ status: 'succeeded', result: 1 });
  });

  it('keeps and stores a line as both databases store it: NUL as U+2400, a lone surrogate as U+FFFD', async () => {
    const store = fakeStore();
    const live = new LiveExecution('e1', 'u1', store as unknown as ExecutionStore);
    live.append('INFO', 'a\u0000b\ud83dc', new Date());
    await live.finish({ status: 'succeeded', result: 1 }, 0, []);
    expect(store.stored.map((e) => e.message)).toEqual(['a\u2400b\ufffdc']);
    expect(live.tail.read(0, ALL_LEVELS, 1000)?.text).toContain('"message":"a\u2400b\ufffdc"');
  });

  it('ends in memory with end(): readers are told and finished resolves, without storage', async () => {
    const store = fakeStore();
    const live = new LiveExecution('e1', 'u1', store as unknown as ExecutionStore);
    let woken = 0;
    live.listeners.add({ wake: () => woken++ });
    live.end({ status: 'failed', error: { code: 'INTERNAL_ERROR', message: 'the end could not be recorded' } });
    await live.finished;
    expect(woken).toBe(1);
    expect(live.status).toBe('failed');
    expect(live.listeners.size).toBe(0);
    expect(store.ends).toEqual([]);
  });
});

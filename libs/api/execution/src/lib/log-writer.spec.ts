import { expect } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { LogEntry } from '@chariot/contract';
import { LogAppend, LogSource, LogWriter } from './log-writer';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A source that gives its waiting entries as one batch when asked, and records what it heard. */
class Source implements LogSource {
  waiting: LogEntry[] = [];
  heard: string[] = [];
  onStored: () => void = () => undefined;

  constructor(readonly id: string) {}

  add(count: number): this {
    for (let i = 0; i < count; i++) this.waiting.push({ seq: 0, timestamp: 't', level: 'INFO', message: this.id });
    return this;
  }

  takeBatch(): LogAppend | undefined {
    if (!this.waiting.length) return undefined;
    const entries = this.waiting;
    this.waiting = [];
    return { executionId: this.id, entries, progress: undefined };
  }

  stored(append: LogAppend): void {
    this.heard.push(`stored ${append.entries.length}`);
    this.onStored();
  }

  failed(append: LogAppend, error: unknown): void {
    this.heard.push(`failed ${append.entries.length}: ${(error as Error).message}`);
  }
}

/** A writeGroup that records each group as `id×entries` and waits for `gate` when it is given. */
function recording(fail: (appends: readonly LogAppend[]) => Error | undefined = () => undefined) {
  const groups: string[][] = [];
  let gate: Promise<void> | undefined;
  const write = async (appends: readonly LogAppend[]) => {
    groups.push(appends.map((a) => `${a.executionId}×${a.entries.length}`));
    if (gate) await gate;
    const error = fail(appends);
    if (error) throw error;
  };
  return {
    groups,
    write,
    hold: () => {
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

describe('LogWriter', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['error', 'warn', 'log']);
  });

  it('stores the batches of every source that asks in one turn as one group, in the order they asked', async () => {
    const db = recording();
    const writer = new LogWriter(db.write);
    const [a, b, c] = [new Source('a').add(1), new Source('b').add(2), new Source('c').add(3)];
    writer.request(b);
    writer.request(a);
    writer.request(c);
    writer.request(b); // asks once
    await turn();
    await turn();
    expect(db.groups).toEqual([['b×2', 'a×1', 'c×3']]);
    expect([a.heard, b.heard, c.heard]).toEqual([['stored 1'], ['stored 2'], ['stored 3']]);
  });

  it('gathers the requests that arrive while a group is stored into the next group', async () => {
    const db = recording();
    const writer = new LogWriter(db.write);
    const release = db.hold();
    const a = new Source('a').add(1);
    writer.request(a);
    await turn();
    expect(db.groups).toEqual([['a×1']]);
    const [b, c] = [new Source('b').add(1), new Source('c').add(1)];
    writer.request(b);
    a.add(2);
    writer.request(a);
    writer.request(c);
    await turn();
    expect(db.groups).toHaveLength(1); // nothing starts while the first group is on its way
    release();
    while (c.heard.length === 0) await turn();
    expect(db.groups).toEqual([['a×1'], ['b×1', 'a×2', 'c×1']]);
  });

  it('stops a group once it holds the most entries; the rest go in the next group, in order', async () => {
    const db = recording();
    const writer = new LogWriter(db.write, 10);
    const sources = [3, 4, 3, 1, 25, 2].map((n, i) => new Source(`s${i}`).add(n));
    for (const s of sources) writer.request(s);
    while (sources.some((s) => s.heard.length === 0)) await turn();
    expect(db.groups).toEqual([['s0×3', 's1×4', 's2×3'], ['s3×1', 's4×25'], ['s5×2']]);
  });

  it('stores a failed group again batch by batch: only the bad batch fails, with its own error', async () => {
    const db = recording((appends) =>
      appends.length > 1
        ? new Error('group failed')
        : appends[0].executionId === 'b'
          ? new Error('b cannot be stored')
          : undefined,
    );
    const writer = new LogWriter(db.write);
    const sources = ['a', 'b', 'c'].map((id) => new Source(id).add(1));
    for (const s of sources) writer.request(s);
    while (sources.some((s) => s.heard.length === 0)) await turn();
    expect(db.groups).toEqual([['a×1', 'b×1', 'c×1'], ['a×1'], ['b×1'], ['c×1']]);
    expect(sources.map((s) => s.heard)).toEqual([['stored 1'], ['failed 1: b cannot be stored'], ['stored 1']]);
  });

  it('tells a lone batch the error of its group', async () => {
    const db = recording(() => new Error('disk full'));
    const writer = new LogWriter(db.write);
    const a = new Source('a').add(2);
    writer.request(a);
    while (a.heard.length === 0) await turn();
    expect(a.heard).toEqual(['failed 2: disk full']);
  });

  it('tells every source of a group even when one of them throws on hearing', async () => {
    const db = recording();
    const writer = new LogWriter(db.write);
    const [a, b] = [new Source('a').add(1), new Source('b').add(1)];
    a.onStored = () => {
      throw new Error('a reader failed');
    };
    writer.request(a);
    writer.request(b);
    while (b.heard.length === 0) await turn();
    expect(b.heard).toEqual(['stored 1']);
    b.add(1);
    writer.request(b);
    while (b.heard.length < 2) await turn();
    expect(db.groups).toEqual([['a×1', 'b×1'], ['b×1']]);
  });

  it('goes on with the next groups when making one throws', async () => {
    const db = recording();
    const writer = new LogWriter(db.write);
    const broken = new Source('broken');
    broken.takeBatch = () => {
      throw new Error('no batch');
    };
    writer.request(broken);
    await turn();
    await turn();
    const a = new Source('a').add(1);
    writer.request(a);
    while (a.heard.length === 0) await turn();
    expect(db.groups).toEqual([['a×1']]);
  });

  it('skips a source that has nothing to give when its group is made', async () => {
    const db = recording();
    const writer = new LogWriter(db.write);
    const [empty, full] = [new Source('empty'), new Source('full').add(1)];
    writer.request(empty);
    writer.request(full);
    while (full.heard.length === 0) await turn();
    expect(db.groups).toEqual([['full×1']]);
    expect(empty.heard).toEqual([]);
  });
});

import type { LogEntry, LogLevel } from '@chariot/contract';
import { ALL_LEVELS, entryFrame, levelMask, LogTail } from './log-tail';

const LEVELS: LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
const entry = (seq: number): LogEntry => ({
  seq,
  timestamp: '2026-12-02T00:00:00.000Z',
  level: LEVELS[seq % 4],
  message: `line ${seq}`,
});
const batch = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
const seqsOf = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Everything after `after`, read in parts of `maxChars` as a reader would; undefined once it left the tail. */
function readAll(tail: LogTail, after: number, mask = ALL_LEVELS, maxChars = 1 << 20): number[] | undefined {
  const seqs: number[] = [];
  while (after < tail.lastSeq) {
    const read = tail.read(after, mask, maxChars);
    if (!read) return undefined;
    seqs.push(...seqsOf(read.text));
    after = read.last;
  }
  return seqs;
}

describe('LogTail', () => {
  it('serialises an entry as the SSE frame of the contract', () => {
    expect(entryFrame({ seq: 3, timestamp: 't', level: 'WARN', message: 'a\nb' })).toBe(
      'id: 3\ndata: {"seq":3,"timestamp":"t","level":"WARN","message":"a\\nb"}\n\n',
    );
  });

  it('gives a reader joining before, inside or at the end of the tail exactly what follows, in order', () => {
    const tail = new LogTail(1000, 1 << 20);
    tail.append(batch(1, 10));
    tail.append(batch(11, 11));
    tail.append(batch(12, 40));
    expect(readAll(tail, 0)).toEqual(range(1, 40));
    expect(readAll(tail, 10)).toEqual(range(11, 40));
    expect(readAll(tail, 17)).toEqual(range(18, 40));
    expect(readAll(tail, 40)).toEqual([]);
    expect(tail.read(40, ALL_LEVELS, 100)).toEqual({ text: '', last: 40 });
  });

  it('serves a whole batch as the one shared string', () => {
    const tail = new LogTail(1000, 1 << 20);
    tail.append(batch(1, 5));
    expect(tail.read(0, ALL_LEVELS, 1 << 20)?.text).toBe(batch(1, 5).map(entryFrame).join(''));
    expect(tail.read(0, ALL_LEVELS, 1 << 20)?.text).toBe(tail.read(0, ALL_LEVELS, 1 << 20)?.text);
  });

  it('sends a reader behind the tail to storage once its next entry has left', () => {
    const tail = new LogTail(25, 1 << 20);
    for (let from = 1; from <= 100; from += 10) tail.append(batch(from, from + 9));
    // whole batches leave: 81..100 are held
    expect(tail.size.entries).toBe(20);
    expect(tail.read(0, ALL_LEVELS, 1 << 20)).toBeUndefined();
    expect(tail.read(79, ALL_LEVELS, 1 << 20)).toBeUndefined();
    expect(readAll(tail, 80)).toEqual(range(81, 100));
    expect(readAll(tail, 85)).toEqual(range(86, 100));
  });

  it('keeps only the levels a reader asked for and still moves its place past the others', () => {
    const tail = new LogTail(1000, 1 << 20);
    tail.append(batch(1, 20));
    const warnAndError = levelMask(['WARN', 'ERROR']);
    const read = tail.read(0, warnAndError, 1 << 20);
    expect(read?.last).toBe(20);
    expect(seqsOf(read?.text ?? '')).toEqual(range(1, 20).filter((s) => s % 4 >= 2));
    expect(readAll(tail, 5, levelMask(['DEBUG']))).toEqual([8, 12, 16, 20]);
  });

  it('reads in parts of about maxChars, never less than one batch', () => {
    const tail = new LogTail(1000, 1 << 20);
    for (let from = 1; from <= 100; from += 10) tail.append(batch(from, from + 9));
    const first = tail.read(0, ALL_LEVELS, 10);
    expect(seqsOf(first?.text ?? '')).toEqual(range(1, 10));
    expect(readAll(tail, 0, ALL_LEVELS, 3000)).toEqual(range(1, 100));
  });

  it('stays within its bounds under a 1,000,000-line flood', () => {
    const maxEntries = 5000;
    const maxChars = 256 * 1024;
    const tail = new LogTail(maxEntries, maxChars);
    let largest = { entries: 0, chars: 0 };
    for (let from = 1; from <= 1_000_000; from += 1000) {
      tail.append(batch(from, from + 999));
      const { entries, chars } = tail.size;
      largest = { entries: Math.max(largest.entries, entries), chars: Math.max(largest.chars, chars) };
    }
    // One batch of 1000 entries may be held beyond the bound (the newest batch always stays).
    expect(largest.entries).toBeLessThanOrEqual(maxEntries + 1000);
    expect(largest.chars).toBeLessThanOrEqual(maxChars + 1000 * entryFrame(entry(1_000_000)).length);
    expect(tail.lastSeq).toBe(1_000_000);
    expect(readAll(tail, 999_000)).toEqual(range(999_001, 1_000_000));
  });
});

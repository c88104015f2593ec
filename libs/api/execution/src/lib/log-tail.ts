import type { LogEntry, LogLevel } from '@chariot/contract';
import { LOG_LEVELS } from '@chariot/contract';

/** A set of log levels as bits (DEBUG 1, INFO 2, WARN 4, ERROR 8): what a reader keeps. */
export type LevelMask = number;

export const ALL_LEVELS: LevelMask = (1 << LOG_LEVELS.length) - 1;

export function levelMask(levels: readonly LogLevel[] | undefined): LevelMask {
  if (!levels?.length) return ALL_LEVELS;
  return levels.reduce((mask, level) => mask | levelBit(level), 0);
}

function levelBit(level: LogLevel): number {
  return 1 << LOG_LEVELS.indexOf(level);
}

/** The SSE frame of one entry: its sequence number as `id:`, the entry as `data:`. */
export function entryFrame(entry: LogEntry): string {
  // Key order is the contract's; JSON escapes newlines, so the data stays on one line.
  return `id: ${entry.seq}\ndata: ${JSON.stringify({ seq: entry.seq, timestamp: entry.timestamp, level: entry.level, message: entry.message })}\n\n`;
}

/** One stored batch: its frames as one text, and where each frame starts in it. */
interface Chunk {
  first: number;
  last: number;
  text: string;
  /**
   * Frame k is text.slice(starts[k], starts[k + 1]). Plain arrays of small integers: a typed
   * array per batch (most batches are one line) made every young-generation collection sweep
   * thousands of array buffers, twice as long as without them.
   */
  starts: number[];
  levels: number[];
}

/** What a read got: the frames' text and the last sequence number it covered (kept or not). */
export interface TailRead {
  text: string;
  last: number;
}

/**
 * The newest stored entries of one execution, already serialised as SSE frames, shared by every
 * reader that is caught up: a batch is serialised once, when it is stored, whatever the number
 * of readers, and a reader at the end of a batch gets the whole batch as one string. Bounded by
 * entries and characters; the oldest batches leave first (the newest one always stays). A reader
 * whose position has left the tail reads storage until it is back inside.
 */
export class LogTail {
  private readonly chunks: Chunk[] = [];
  private entries = 0;
  private chars = 0;
  /** Everything up to this sequence number has left the tail (or was never in it). */
  private evictedUpTo = 0;
  private newest = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  /** The last sequence number held: everything stored so far. */
  get lastSeq(): number {
    return this.newest;
  }

  /** Entries and characters held now. */
  get size(): { entries: number; chars: number } {
    return { entries: this.entries, chars: this.chars };
  }

  /** Adds a stored batch (consecutive sequence numbers, following the last one). */
  append(batch: readonly LogEntry[]): void {
    if (!batch.length) return;
    const starts: number[] = new Array<number>(batch.length + 1);
    const levels: number[] = new Array<number>(batch.length);
    let text = '';
    for (let k = 0; k < batch.length; k++) {
      starts[k] = text.length;
      levels[k] = levelBit(batch[k].level);
      text += entryFrame(batch[k]);
    }
    starts[batch.length] = text.length;
    if (!this.chunks.length) this.evictedUpTo = batch[0].seq - 1;
    this.chunks.push({ first: batch[0].seq, last: batch[batch.length - 1].seq, text, starts, levels });
    this.newest = batch[batch.length - 1].seq;
    this.entries += batch.length;
    this.chars += text.length;
    while (this.chunks.length > 1 && (this.entries > this.maxEntries || this.chars > this.maxChars)) {
      const old = this.chunks.shift() as Chunk;
      this.entries -= old.last - old.first + 1;
      this.chars -= old.text.length;
      this.evictedUpTo = old.last;
    }
  }

  /**
   * The frames after `after` that `mask` keeps, about `maxChars` at most (at least one batch),
   * or undefined when entries right after `after` have left the tail: read those from storage.
   */
  read(after: number, mask: LevelMask, maxChars: number): TailRead | undefined {
    if (after >= this.newest) return { text: '', last: after };
    if (after < this.evictedUpTo) return undefined;
    let text = '';
    let last = after;
    for (let i = this.indexOf(after + 1); i < this.chunks.length && text.length < maxChars; i++) {
      const chunk = this.chunks[i];
      const from = last + 1 - chunk.first;
      if (mask === ALL_LEVELS) {
        // A whole batch is the shared string itself; a part of one is a cheap slice of it.
        text += from === 0 ? chunk.text : chunk.text.slice(chunk.starts[from]);
      } else {
        for (let k = from; k < chunk.levels.length; k++) {
          if (chunk.levels[k] & mask) text += chunk.text.slice(chunk.starts[k], chunk.starts[k + 1]);
        }
      }
      last = chunk.last;
    }
    return { text, last };
  }

  /** The chunk holding `seq` (which the tail holds). */
  private indexOf(seq: number): number {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.chunks[middle].first <= seq) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/** A read-only, fixed-length view of output rows: what the output panel renders. */
export interface LineView<T> {
  readonly length: number;
  at(index: number): T;
  /**
   * Identity of the storage behind the view: two views with the same `source` differ only by
   * rows appended at the end, so derived indexes (filters, search) can be extended, not rebuilt.
   */
  readonly source: object;
}

const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS; // 4096 rows per chunk
const MASK = CHUNK - 1;

/**
 * Append-only storage for up to millions of rows. Appending copies only the new rows (no
 * `concat` of the whole array per frame); `snapshot()` is an O(1) immutable view of the
 * current length, safe to hand to a signal because later appends never change it.
 */
export class LineBuffer<T> {
  private readonly chunks: T[][] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(item: T): void {
    const chunk = this.size >>> CHUNK_BITS;
    if (chunk === this.chunks.length) {
      this.chunks.push([]);
    }
    this.chunks[chunk].push(item);
    this.size++;
  }

  pushAll(items: readonly T[]): void {
    for (const item of items) this.push(item);
  }

  at(index: number): T {
    return this.chunks[index >>> CHUNK_BITS][index & MASK];
  }

  snapshot(): LineView<T> {
    const length = this.size;
    const at = (index: number): T => {
      if (index < 0 || index >= length) throw new RangeError(`row ${index} of ${length}`);
      return this.at(index);
    };
    return { length, at, source: this };
  }
}

/** An empty view (its own source). */
export function emptyView<T>(): LineView<T> {
  const source = {};
  return {
    length: 0,
    at: (index: number) => {
      throw new RangeError(`row ${index} of 0`);
    },
    source,
  };
}

/** The rows of a view as an array (tests, copy, download). */
export function viewToArray<T>(view: LineView<T>, from = 0, to = view.length): T[] {
  const rows: T[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, view.length); i++) rows.push(view.at(i));
  return rows;
}

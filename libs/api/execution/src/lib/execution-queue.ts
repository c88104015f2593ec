/**
 * Executions waiting for a place to run, served fairly: round-robin between owners, first in
 * first out within one owner. A user who queues a hundred runs delays another user's single run
 * by at most one of theirs, not by all hundred.
 *
 * Owners with waiting items form the rotation in the insertion order of `byOwner`: `next()`
 * serves the owner at its head and, if they still wait, moves them to its tail. Every operation
 * is O(1) except `remove`, which scans one owner's own list (bounded by the per-user quota).
 */
export class ExecutionQueue<T> {
  private readonly byOwner = new Map<string, T[]>();
  private count = 0;

  constructor(readonly capacity: number) {}

  /** Items waiting, over all owners. */
  get size(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.capacity;
  }

  /** Adds an item at the end of its owner's line; false, and nothing added, when the queue is full. */
  enqueue(owner: string, item: T): boolean {
    if (this.isFull) return false;
    const line = this.byOwner.get(owner);
    if (line) line.push(item);
    else this.byOwner.set(owner, [item]);
    this.count++;
    return true;
  }

  /** Takes the next item to start: the oldest of the owner whose turn it is. */
  next(): T | undefined {
    const turn = this.byOwner.entries().next();
    if (turn.done) return undefined;
    const [owner, line] = turn.value;
    const item = line.shift() as T;
    this.count--;
    // Deleting and setting again moves a still-waiting owner to the back of the rotation.
    this.byOwner.delete(owner);
    if (line.length) this.byOwner.set(owner, line);
    return item;
  }

  /** Takes out the first of an owner's items that matches (a cancelled one); false when none waits. */
  remove(owner: string, matches: (item: T) => boolean): boolean {
    const line = this.byOwner.get(owner);
    const index = line ? line.findIndex(matches) : -1;
    if (!line || index < 0) return false;
    line.splice(index, 1);
    this.count--;
    if (!line.length) this.byOwner.delete(owner);
    return true;
  }

  /** Forgets every waiting item (shutdown: their rows are marked interrupted at the next start). */
  clear(): void {
    this.byOwner.clear();
    this.count = 0;
  }
}

/**
 * Gathers the writes that callers ask for while a write is under way and stores them together,
 * in one statement and one commit (group commit): with a hundred executions logging at once,
 * each commit waits for the disk, and one commit for all of them costs what one costs alone.
 * A group that fails is written again item by item, so that each caller learns of its own
 * failure and no caller of a good item fails because another item was bad.
 */
export class GroupedWrites<T> {
  private waiting: { item: T; settle: (failure?: { error: unknown }) => void }[] = [];
  private writing = false;

  constructor(
    private readonly writeGroup: (items: T[]) => Promise<void>,
    private readonly writeOne: (item: T) => Promise<void>,
    /** A group stops growing once its items weigh this much (it always takes at least one). */
    private readonly maxWeight = Number.POSITIVE_INFINITY,
    private readonly weigh: (item: T) => number = () => 1,
  ) {}

  /** Resolves once `item` is stored (with the others of its group); rejects with its own error. */
  write(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // Rejects with the storage error exactly as the database driver threw it.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      this.waiting.push({ item, settle: (failure) => (failure ? reject(failure.error) : resolve()) });
      if (!this.writing) {
        this.writing = true;
        // The rest of this turn's writes join the group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const group = this.takeGroup();
      try {
        await this.writeGroup(group.map((w) => w.item));
        for (const w of group) w.settle();
      } catch (groupError) {
        if (group.length === 1) {
          group[0].settle({ error: groupError });
          continue;
        }
        for (const w of group) {
          await this.writeOne(w.item).then(
            () => w.settle(),
            (error: unknown) => w.settle({ error }),
          );
        }
      }
    }
    this.writing = false;
  }

  /** The oldest waiting writes, up to the group's weight. */
  private takeGroup(): { item: T; settle: (failure?: { error: unknown }) => void }[] {
    let weight = 0;
    let count = 0;
    while (
      count < this.waiting.length &&
      (count === 0 || weight + this.weigh(this.waiting[count].item) <= this.maxWeight)
    ) {
      weight += this.weigh(this.waiting[count].item);
      count++;
    }
    return this.waiting.splice(0, count);
  }
}

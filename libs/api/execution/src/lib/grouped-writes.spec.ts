import { GroupedWrites } from './grouped-writes';

describe('GroupedWrites', () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it('stores the writes asked for in one turn as one group', async () => {
    const groups: number[][] = [];
    const writes = new GroupedWrites<number>(
      (items) => Promise.resolve(void groups.push(items)),
      () => Promise.resolve(),
    );
    await Promise.all([1, 2, 3].map((n) => writes.write(n)));
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('gathers the writes that arrive during a write into the next group, in order', async () => {
    const groups: number[][] = [];
    const first = gate();
    const writes = new GroupedWrites<number>(
      async (items) => {
        groups.push(items);
        if (groups.length === 1) await first.opened;
      },
      () => Promise.resolve(),
    );
    const one = writes.write(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((n) => writes.write(n));
    first.open();
    await Promise.all([one, ...later]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it('stops a group at its weight, in order; an item heavier than that alone is a group of its own', async () => {
    const groups: number[][] = [];
    const writes = new GroupedWrites<number>(
      (items) => Promise.resolve(void groups.push(items)),
      () => Promise.resolve(),
      10,
      (n) => n,
    );
    await Promise.all([3, 4, 3, 1, 25, 2].map((n) => writes.write(n)));
    expect(groups).toEqual([[3, 4, 3], [1], [25], [2]]);
  });

  it('writes a failed group again item by item: only the bad item fails, with its own error', async () => {
    const single: number[] = [];
    const writes = new GroupedWrites<number>(
      () => Promise.reject(new Error('group failed')),
      (item) => {
        single.push(item);
        return item === 2 ? Promise.reject(new Error('item 2 cannot be stored')) : Promise.resolve();
      },
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => writes.write(n)));
    expect(single).toEqual([1, 2, 3]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((outcomes[1] as PromiseRejectedResult).reason as Error).message).toBe('item 2 cannot be stored');
  });

  it('rejects a lone item with the error of its group', async () => {
    const writes = new GroupedWrites<number>(
      () => Promise.reject(new Error('disk full')),
      () => Promise.resolve(),
    );
    await expect(writes.write(1)).rejects.toThrow('disk full');
  });
});

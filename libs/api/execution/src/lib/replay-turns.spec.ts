import { ReplayTurns } from './replay-turns';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('ReplayTurns', () => {
  it('lets pages run while the turn lasts, then leaves the rest to the next turn of the loop', async () => {
    let clock = 0;
    const turns = new ReplayTurns(5, 1, () => clock);
    const ran: number[] = [];
    // each page "takes" 2 ms of the turn
    const pages = Array.from({ length: 6 }, (_, n) =>
      turns.run(() => {
        ran.push(n);
        clock += 2;
        return Promise.resolve();
      }),
    );
    await nextTurn();
    // first turn: 0, 1, 2 (the third starts at 4 ms, inside the budget of 5)
    expect(ran).toEqual([0, 1, 2]);
    await Promise.all(pages);
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('serves waiting pages first come, first served, and passes on what a page returns or throws', async () => {
    const turns = new ReplayTurns(1_000, 1);
    const order: string[] = [];
    const a = turns.run(() => {
      order.push('a');
      return Promise.resolve(1);
    });
    const b = turns.run(() => {
      order.push('b');
      return Promise.reject(new Error('read failed'));
    });
    const c = turns.run(() => Promise.resolve(order.push('c')));
    await expect(a).resolves.toBe(1);
    await expect(b).rejects.toThrow('read failed');
    await c;
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('runs up to `concurrency` pages at once', async () => {
    const turns = new ReplayTurns(1_000, 2);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        turns.run(async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
  });
});

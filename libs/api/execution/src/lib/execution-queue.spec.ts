import { ExecutionQueue } from './execution-queue';

/** Takes every item in the order the queue serves them. */
function serveAll<T>(queue: ExecutionQueue<T>): T[] {
  const served: T[] = [];
  for (let item = queue.next(); item !== undefined; item = queue.next()) served.push(item);
  return served;
}

const is = (wanted: string) => (item: string) => item === wanted;

describe('ExecutionQueue', () => {
  it('serves one owner first in, first out', () => {
    const queue = new ExecutionQueue<string>(10);
    for (const item of ['a1', 'a2', 'a3']) queue.enqueue('a', item);
    expect(serveAll(queue)).toEqual(['a1', 'a2', 'a3']);
    expect(queue.size).toBe(0);
    expect(queue.next()).toBeUndefined();
  });

  it('takes turns between owners, so a late owner does not wait behind all of an early one', () => {
    const queue = new ExecutionQueue<string>(10);
    for (const item of ['a1', 'a2', 'a3']) queue.enqueue('a', item);
    queue.enqueue('b', 'b1');
    queue.enqueue('c', 'c1');
    queue.enqueue('b', 'b2');
    expect(serveAll(queue)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('puts an owner who comes back after their line emptied at the back of the rotation', () => {
    const queue = new ExecutionQueue<string>(10);
    queue.enqueue('a', 'a1');
    queue.enqueue('b', 'b1');
    queue.enqueue('b', 'b2');
    expect(queue.next()).toBe('a1');
    queue.enqueue('a', 'a2');
    expect(serveAll(queue)).toEqual(['b1', 'a2', 'b2']);
  });

  it('removes a waiting item (a cancel) without disturbing the others', () => {
    const queue = new ExecutionQueue<string>(10);
    for (const item of ['a1', 'a2', 'a3']) queue.enqueue('a', item);
    queue.enqueue('b', 'b1');
    expect(queue.remove('a', is('a2'))).toBe(true);
    expect(queue.remove('b', is('b1'))).toBe(true);
    expect(queue.size).toBe(2);
    expect(queue.remove('a', is('a2'))).toBe(false);
    expect(queue.remove('b', is('a1'))).toBe(false);
    expect(queue.remove('nobody', is('a1'))).toBe(false);
    expect(serveAll(queue)).toEqual(['a1', 'a3']);
  });

  it('refuses items past its capacity and takes them again once one has left', () => {
    const queue = new ExecutionQueue<string>(2);
    expect(queue.enqueue('a', 'a1')).toBe(true);
    expect(queue.isFull).toBe(false);
    expect(queue.enqueue('b', 'b1')).toBe(true);
    expect(queue.isFull).toBe(true);
    expect(queue.enqueue('c', 'c1')).toBe(false);
    expect(queue.size).toBe(2);
    queue.remove('a', is('a1'));
    expect(queue.enqueue('c', 'c1')).toBe(true);
    expect(serveAll(queue)).toEqual(['b1', 'c1']);
  });

  it('forgets everything on clear', () => {
    const queue = new ExecutionQueue<string>(10);
    queue.enqueue('a', 'a1');
    queue.enqueue('b', 'b1');
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.next()).toBeUndefined();
  });
});

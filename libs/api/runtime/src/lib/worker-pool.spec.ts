import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { WorkerPool } from './worker-pool';

class FakeWorker extends EventEmitter {
  terminated = false;
  unref = jest.fn();
  terminate() {
    this.terminated = true;
    this.emit('exit', 1);
    return Promise.resolve(1);
  }
}

describe('WorkerPool', () => {
  const flush = () => new Promise((r) => setImmediate(r));

  it('keeps the configured number of warm workers and never hands one out twice', async () => {
    const spawned: FakeWorker[] = [];
    const pool = new WorkerPool(() => {
      const w = new FakeWorker();
      spawned.push(w);
      return w as unknown as Worker;
    }, 2);
    expect(pool.warm).toBe(2);
    const a = pool.take();
    const b = pool.take();
    const c = pool.take();
    expect(new Set([a, b, c]).size).toBe(3);
    await flush();
    expect(pool.warm).toBe(2);
    expect(spawned).toHaveLength(5);
    pool.close();
  });

  it('drops a warm worker that dies while waiting', async () => {
    const spawned: FakeWorker[] = [];
    const pool = new WorkerPool(() => {
      const w = new FakeWorker();
      spawned.push(w);
      return w as unknown as Worker;
    }, 1);
    spawned[0].emit('exit', 1);
    expect(pool.warm).toBe(0);
    expect(pool.take()).toBe(spawned[1]);
    pool.close();
  });

  it('terminates its idle workers on close', () => {
    const spawned: FakeWorker[] = [];
    const pool = new WorkerPool(() => {
      const w = new FakeWorker();
      spawned.push(w);
      return w as unknown as Worker;
    }, 2);
    pool.close();
    expect(spawned.every((w) => w.terminated)).toBe(true);
  });
});

import type { Worker } from 'node:worker_threads';

/**
 * Keeps a few script workers started ahead of time, so a run does not wait for a thread and
 * an isolate to boot. Every worker still runs exactly one script and then ends: the pool
 * hides start-up latency, it never shares a runtime between runs.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly dropHandlers = new Map<Worker, () => void>();
  private closed = false;

  constructor(
    private readonly spawn: () => Worker,
    private readonly size: number,
  ) {
    this.refill();
  }

  /** A fresh worker waiting for its script: a warm one if any, else one started now. */
  take(): Worker {
    const worker = this.idle.shift() ?? this.spawn();
    const drop = this.dropHandlers.get(worker);
    if (drop) {
      worker.off('exit', drop);
      worker.off('error', drop);
      this.dropHandlers.delete(worker);
    }
    setImmediate(() => this.refill());
    return worker;
  }

  close(): void {
    this.closed = true;
    for (const worker of this.idle.splice(0)) void worker.terminate();
  }

  get warm(): number {
    return this.idle.length;
  }

  private refill(): void {
    while (!this.closed && this.idle.length < this.size) {
      const worker = this.spawn();
      // A waiting worker must not keep the process alive, and one that dies while waiting
      // is simply dropped from the pool.
      worker.unref();
      const drop = () => {
        const index = this.idle.indexOf(worker);
        if (index >= 0) this.idle.splice(index, 1);
        this.dropHandlers.delete(worker);
      };
      worker.once('exit', drop);
      worker.once('error', drop);
      this.dropHandlers.set(worker, drop);
      this.idle.push(worker);
    }
  }
}

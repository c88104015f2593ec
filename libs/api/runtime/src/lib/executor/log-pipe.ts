import type { LogBatches, LogLine } from './protocol';
import { MAX_BATCHES_IN_FLIGHT } from './protocol';

/** Lines of one execution that go in one batch at most; a burst past it is sent at once. */
export const BATCH_LIMIT = 512;

/**
 * The log lines of every execution on one executor thread, on their way to the main thread.
 * Lines written during one piece of work (a slice, a message handler) leave together in one
 * message when it is done, so a burst costs the main thread one message, not one per line. Each execution may have a few batches in flight; one that logs faster than the
 * main thread takes its lines in is told to wait, and only it waits.
 */
export class LogPipe {
  private readonly pending = new Map<string, LogLine[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly waiters = new Map<string, () => void>();
  private flushScheduled = false;

  constructor(
    private readonly post: (message: LogBatches) => void,
    /** Runs the flush once the work under way is done (a microtask on a thread). */
    private readonly later: (flush: () => void) => void,
  ) {}

  /** Takes a line; a promise means the execution must wait before it goes on. */
  write(id: string, line: LogLine): Promise<void> | undefined {
    let lines = this.pending.get(id);
    if (!lines) {
      lines = [];
      this.pending.set(id, lines);
    }
    lines.push(line);
    if (lines.length >= BATCH_LIMIT) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.later(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
    if ((this.inFlight.get(id) ?? 0) < MAX_BATCHES_IN_FLIGHT) return undefined;
    return new Promise<void>((resolve) => this.waiters.set(id, resolve));
  }

  /** Sends every pending line now (before a message that must follow them). */
  flush(): void {
    if (this.pending.size === 0) return;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [id] of batches) this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1);
    this.post({ type: 'logs', batches });
  }

  /** The main thread took in one batch of each of these executions. */
  taken(ids: readonly string[]): void {
    for (const id of ids) {
      const left = (this.inFlight.get(id) ?? 1) - 1;
      if (left > 0) this.inFlight.set(id, left);
      else this.inFlight.delete(id);
      const waiter = this.waiters.get(id);
      if (waiter && left < MAX_BATCHES_IN_FLIGHT) {
        this.waiters.delete(id);
        waiter();
      }
    }
  }

  /** An ended execution; its lines must have been flushed before. */
  forget(id: string): void {
    this.pending.delete(id);
    this.waiters.delete(id);
  }
}

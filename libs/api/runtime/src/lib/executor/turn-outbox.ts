/**
 * Messages to the other side of a thread boundary, sent together at the end of the current
 * turn of the event loop. Every message wakes the receiving thread; under load a turn holds
 * many (the starts of concurrent requests, the ends of the runs of one slice round), and one
 * wake-up for all of them leaves the cores to the work itself. Order is kept.
 */
export class TurnOutbox<T> {
  private pending: T[] = [];
  private scheduled = false;

  constructor(
    private readonly post: (messages: T[]) => void,
    /** Runs the flush once the current turn's work is done (setImmediate). */
    private readonly later: (flush: () => void) => void = (flush) => void setImmediate(flush),
  ) {}

  add(message: T): void {
    this.pending.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    this.later(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Sends what is pending now (a turn that may not end soon, e.g. a run inside a callback). */
  flush(): void {
    if (!this.pending.length) return;
    const messages = this.pending;
    this.pending = [];
    this.post(messages);
  }
}

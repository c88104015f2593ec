/**
 * The event loop's time for catch-up reads, shared by every log stream of the process. A stream
 * that replays a stored log from far back reads, frames and writes one page at a time through
 * run(); the pages of all streams take turns, first come first served, and once the pages of one
 * loop turn have taken `budgetMs` the rest wait for the next turn (setImmediate), so the requests
 * that arrived meanwhile are answered first. Without it twenty streams catching up at once did
 * one page each per turn (SQLite answers synchronously), and a request waited for all twenty.
 */
export class ReplayTurns {
  private readonly waiting: (() => void)[] = [];
  private inFlight = 0;
  private deadline = 0;
  private scheduled = false;

  constructor(
    /** Work of this kind allowed in one loop turn before it waits for the next. */
    private readonly budgetMs = 5,
    /** Pages at once: more than one lets PostgreSQL answer several reads in parallel. */
    private readonly concurrency = 4,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `page` when its turn comes; resolves with its value. */
  async run<T>(page: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.release();
    });
    try {
      return await page();
    } finally {
      this.inFlight--;
      this.release();
    }
  }

  /** Lets waiting pages start while this turn's budget lasts; past it, in the next turn. */
  private release(): void {
    while (this.waiting.length && this.inFlight < this.concurrency) {
      if (this.now() >= this.deadline) {
        this.nextTurn();
        return;
      }
      this.inFlight++;
      (this.waiting.shift() as () => void)();
    }
  }

  private nextTurn(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.deadline = this.now() + this.budgetMs;
      this.release();
    });
  }
}

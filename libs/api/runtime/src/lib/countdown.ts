/**
 * A run's wall-clock budget: it counts down while the script runs and stands still while it is
 * held (a debugger pause), then goes on with the time that was left.
 */
export class Countdown {
  private left: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    ms: number,
    private readonly onExpired: () => void,
  ) {
    this.left = ms;
    this.run();
  }

  /** Stops the count; the time left is kept. */
  hold(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.left = Math.max(0, this.left - (Date.now() - this.startedAt));
  }

  /** Counts on from where hold() stopped. */
  run(): void {
    if (this.timer) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(this.onExpired, this.left);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

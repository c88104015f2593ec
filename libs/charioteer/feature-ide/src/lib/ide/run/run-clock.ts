import { computed, signal, WritableSignal } from '@angular/core';

/** How often the elapsed time on screen moves while a run goes on (ms). */
export const CLOCK_TICK_MS = 100;

/**
 * The run's elapsed time. It ticks while the run goes on, stands still while the debugger
 * holds the run paused (the paused time is not counted), and stops at the end.
 */
export class RunClock {
  private readonly startedAt = signal<number | null>(null);
  /** When the run started (epoch ms), null before any run. */
  readonly started = this.startedAt.asReadonly();
  private readonly stoppedAt = signal<number | null>(null);
  private readonly pausedAt = signal<number | null>(null);
  /** Time spent paused before the current pause. */
  private readonly pausedFor = signal(0);
  /** The time the last tick read. */
  private readonly current: WritableSignal<number>;
  private ticker: ReturnType<typeof setInterval> | null = null;

  /** Milliseconds the run has taken so far (or took), null before any run. */
  readonly elapsed = computed(() => {
    const start = this.startedAt();
    if (start === null) return null;
    const end = this.stoppedAt() ?? this.pausedAt() ?? this.current();
    return Math.max(0, end - start - this.pausedFor());
  });

  constructor(private readonly now: () => number = Date.now) {
    this.current = signal(now());
  }

  /** Starts counting from `at` (a reopened run started before it was opened). */
  start(at = this.now()): void {
    this.reset();
    this.startedAt.set(at);
    this.current.set(this.now());
    this.tick();
  }

  pause(): void {
    if (this.startedAt() === null || this.stoppedAt() !== null || this.pausedAt() !== null) return;
    this.pausedAt.set(this.now());
    this.stopTicker();
  }

  resume(): void {
    const pausedAt = this.pausedAt();
    if (pausedAt === null || this.stoppedAt() !== null) return;
    this.pausedFor.update((total) => total + Math.max(0, this.now() - pausedAt));
    this.pausedAt.set(null);
    this.current.set(this.now());
    this.tick();
  }

  /** Stops at `at` (a run that ended on the server ended then); a stopped clock stays stopped. */
  stop(at = this.now()): void {
    if (this.startedAt() === null || this.stoppedAt() !== null) return;
    const pausedAt = this.pausedAt();
    if (pausedAt !== null) this.pausedFor.update((total) => total + Math.max(0, at - pausedAt));
    this.pausedAt.set(null);
    this.stoppedAt.set(at);
    this.stopTicker();
  }

  /** Back to "no run": elapsed is null. */
  reset(): void {
    this.stopTicker();
    this.startedAt.set(null);
    this.stoppedAt.set(null);
    this.pausedAt.set(null);
    this.pausedFor.set(0);
  }

  private tick(): void {
    this.stopTicker();
    this.ticker = setInterval(() => this.current.set(this.now()), CLOCK_TICK_MS);
  }

  private stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }
}

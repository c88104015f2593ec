import { signal } from '@angular/core';
import type { LogEntry } from '@chariot/contract';
import type { Observable, Subscription } from 'rxjs';

/** The replay speeds offered: 1× is the run's own pace. */
export const REPLAY_SPEEDS = [1, 4, 16] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** Timers, replaced in tests. */
export interface ReplayClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: ReplayClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Plays a finished run's stored log back at its own pace, or 4 or 16 times faster: each entry
 * is shown when its stored timestamp, counted from the first entry's and divided by the speed,
 * has passed, so the gaps where the run slept or computed come back as they were. Pages of the
 * stored log are fetched as the replay goes; a change of speed keeps the place.
 */
export class LogReplay {
  private readonly activeState = signal(false);
  private readonly speedState = signal<ReplaySpeed>(1);
  private readonly shownState = signal(0);
  private readonly totalState = signal(0);
  /** A replay is under way. */
  readonly active = this.activeState.asReadonly();
  readonly speed = this.speedState.asReadonly();
  /** Entries shown so far, of `total`. */
  readonly shown = this.shownState.asReadonly();
  readonly total = this.totalState.asReadonly();

  private entries: LogEntry[] = [];
  private next = 0;
  private loaded = false;
  private timer: unknown = null;
  private pages: Subscription | null = null;
  /** A wall-clock instant and the log time shown then: later entries are due relative to it. */
  private origin: { wall: number; log: number } | null = null;

  constructor(
    private readonly show: (entry: LogEntry) => void,
    private readonly finished: () => void,
    private readonly clock: ReplayClock = realClock,
  ) {}

  /** Replays the entries `pages` emits (the stored log, page by page); `total` is how many there are. */
  start(pages: Observable<LogEntry[]>, total: number, speed: ReplaySpeed = this.speedState()): void {
    this.stop();
    this.entries = [];
    this.next = 0;
    this.loaded = false;
    this.origin = null;
    this.speedState.set(speed);
    this.shownState.set(0);
    this.totalState.set(total);
    this.activeState.set(true);
    this.pages = pages.subscribe({
      next: (entries) => {
        this.entries.push(...entries);
        if (this.timer === null) this.schedule();
      },
      error: () => this.end(),
      complete: () => {
        this.loaded = true;
        if (this.timer === null) this.schedule();
      },
    });
  }

  /** Goes on at another speed from where the replay is. */
  setSpeed(speed: ReplaySpeed): void {
    this.speedState.set(speed);
    if (!this.activeState() || this.origin === null) return;
    const last = this.entries[this.next - 1];
    this.origin = { wall: this.clock.now(), log: last ? logTime(last) : this.origin.log };
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.schedule();
  }

  stop(): void {
    this.pages?.unsubscribe();
    this.pages = null;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.activeState.set(false);
  }

  private schedule(): void {
    if (!this.activeState()) return;
    const entry = this.entries[this.next];
    if (!entry) {
      if (this.loaded) this.end();
      return;
    }
    const now = this.clock.now();
    this.origin ??= { wall: now, log: logTime(entry) };
    const due = this.origin.wall + (logTime(entry) - this.origin.log) / this.speedState();
    this.timer = this.clock.setTimeout(() => this.tick(), Math.max(0, due - now));
  }

  private tick(): void {
    this.timer = null;
    // every entry already due goes out in this turn (a burst of lines logged at once)
    const origin = this.origin as { wall: number; log: number };
    const now = this.clock.now();
    do {
      this.show(this.entries[this.next++]);
    } while (
      this.next < this.entries.length &&
      origin.wall + (logTime(this.entries[this.next]) - origin.log) / this.speedState() <= now
    );
    this.shownState.set(this.next);
    this.schedule();
  }

  private end(): void {
    this.stop();
    this.finished();
  }
}

function logTime(entry: LogEntry): number {
  return Date.parse(entry.timestamp);
}

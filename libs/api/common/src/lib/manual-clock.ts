import type { Clock } from './clock';

/** A Clock that stands still until told to move: for specs of time-dependent rules. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  epochMs(): number {
    return this.ms;
  }

  /** Moves the time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * The time as the server sees it. Services take it by the CLOCK token instead of calling
 * `Date.now()`, so a spec can set the time (retention, expiry) rather than wait for it.
 */
export interface Clock {
  /** The current time. */
  now(): Date;
  /** The current time in milliseconds since the epoch. */
  epochMs(): number;
}

/** Injection token of the server's Clock. */
export const CLOCK = Symbol('CLOCK');

/** The real time of the machine. */
export const systemClock: Clock = {
  now: () => new Date(),
  epochMs: () => Date.now(),
};

import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Clock } from '@chariot/api-common';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One key's budget: when its hits leave the window, oldest first, and whether it is blocked. */
interface Window {
  /** Expiry of each hit still counted, ascending; the live ones start at `head`. */
  hits: number[];
  head: number;
  /** When the current fixed period ends (the `X-RateLimit-Reset` a client is told). */
  expiresAt: number;
  isBlocked: boolean;
  blockExpiresAt: number;
}

/** How often idle windows are looked for and dropped. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The rate limit's counts, in memory, with the same rules and answers as @nestjs/throttler's
 * ThrottlerStorageService: a sliding window of hits, blocked for `blockDuration` once past the
 * limit, a fresh window after the block. That service filters every hit of the window into a new
 * array, and takes their minimum, on each request, so a busy user costs each of their requests
 * time and garbage in proportion to their requests of the last minute (10,000 opened log streams
 * made the throttler the second cost of opening one). Here hits expire from the front of a queue
 * they were appended to in order: constant work per request.
 */
export class RateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweep: NodeJS.Timeout | undefined;

  constructor(private readonly clock: Clock) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.clock.epochMs();
    this.startSweep();
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window) {
      window = { hits: [], head: 0, expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false };
      this.windows.set(id, window);
    }
    dropExpired(window, now);
    if (window.expiresAt - now <= 0) window.expiresAt = now + ttl;
    const timeToExpire = Math.ceil((window.expiresAt - now) / 1000);
    if (blockDuration <= 0) {
      // Never blocked: past the limit, a request is refused and not counted.
      const over = live(window) >= limit;
      if (!over) addHit(window, now + ttl);
      return Promise.resolve({
        totalHits: live(window) + (over ? 1 : 0),
        timeToExpire,
        isBlocked: over,
        timeToBlockExpire: over ? Math.ceil((window.hits[window.head] - now) / 1000) : 0,
      });
    }
    if (!window.isBlocked) addHit(window, now + ttl);
    if (live(window) > limit && !window.isBlocked) {
      window.isBlocked = true;
      window.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((window.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && window.isBlocked) {
      // The block is over: a fresh window that starts with this request.
      window.isBlocked = false;
      window.hits = [];
      window.head = 0;
      addHit(window, now + ttl);
    }
    return Promise.resolve({ totalHits: live(window), timeToExpire, isBlocked: window.isBlocked, timeToBlockExpire });
  }

  /** Stops the sweep (the module's shutdown). */
  close(): void {
    clearInterval(this.sweep);
    this.sweep = undefined;
  }

  /** Drops the windows with no live hit and no block; the next request of their key starts afresh. */
  sweepIdle(now = this.clock.epochMs()): void {
    for (const [id, window] of this.windows) {
      dropExpired(window, now);
      if (live(window) === 0 && window.expiresAt <= now && !(window.isBlocked && window.blockExpiresAt > now))
        this.windows.delete(id);
    }
  }

  /** How many keys have a window (for specs). */
  get size(): number {
    return this.windows.size;
  }

  private startSweep(): void {
    if (this.sweep) return;
    this.sweep = setInterval(() => this.sweepIdle(), SWEEP_EVERY_MS);
    this.sweep.unref();
  }
}

function live(window: Window): number {
  return window.hits.length - window.head;
}

/** Appends a hit, in order of expiry (a clock set back may give one earlier than the last). */
function addHit(window: Window, expiresAt: number): void {
  const { hits } = window;
  let at = hits.length;
  while (at > window.head && hits[at - 1] > expiresAt) at--;
  if (at === hits.length) hits.push(expiresAt);
  else hits.splice(at, 0, expiresAt);
}

/** Forgets the hits that have left the window; the array is compacted once half of it is spent. */
function dropExpired(window: Window, now: number): void {
  const { hits } = window;
  while (window.head < hits.length && hits[window.head] <= now) window.head++;
  if (window.head === hits.length) {
    hits.length = 0;
    window.head = 0;
  } else if (window.head > 1024 && window.head * 2 > hits.length) {
    window.hits = hits.slice(window.head);
    window.head = 0;
  }
}

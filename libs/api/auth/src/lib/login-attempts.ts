import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, tooManyRequests } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';

interface Window {
  failures: number;
  last: number;
  expires: number;
}

/** Addresses a user signed in from recently, kept per user (newest last). */
const KNOWN_ADDRESSES_PER_USER = 16;
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;
/** Expired windows are swept at most this often, so names nobody retries do not pile up. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Counts failed password checks (logins, and the current password of a password change) in
 * memory, over LOGIN_FAILURE_WINDOW_MINUTES:
 * - per username from one address, and per address for any names, from the first failure: past
 *   their limits, that pair or that address answers 429 until the window ends;
 * - per username from everywhere, until a window passes without a failure: past
 *   LOGIN_BACKOFF_AFTER_FAILURES, every further attempt from
 *   an address the user has not signed in from must wait an exponentially growing delay
 *   (429 with Retry-After). Nobody outside can lock an account: they can only slow it, and not
 *   for its owner at an address they signed in from before.
 */
@Injectable()
export class LoginAttempts {
  private readonly pairs = new Map<string, Window>();
  private readonly addresses = new Map<string, Window>();
  private readonly users = new Map<string, Window>();
  private readonly known = new Map<string, Map<string, number>>();
  private lastSweep = 0;

  constructor(
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get windowMs(): number {
    return this.config.LOGIN_FAILURE_WINDOW_MINUTES * 60_000;
  }

  /** Throws 429 TOO_MANY_LOGIN_ATTEMPTS, with Retry-After, when this attempt must not be checked. */
  assertAllowed(username: string, address: string, now = this.clock.epochMs()): void {
    const user = username.toLowerCase();
    const limits: [Window | undefined, number][] = [
      [this.current(this.pairs, pairKey(user, address), now), this.config.LOGIN_MAX_FAILURES_PER_USER],
      [this.current(this.addresses, address, now), this.config.LOGIN_MAX_FAILURES_PER_IP],
    ];
    for (const [window, limit] of limits) {
      if (window && window.failures >= limit) refuse(window.expires - now);
    }
    const userWindow = this.current(this.users, user, now);
    if (userWindow && !this.isKnown(user, address, now)) {
      const wait = userWindow.last + this.backoffMs(userWindow.failures) - now;
      if (wait > 0) refuse(wait);
    }
  }

  recordFailure(username: string, address: string, now = this.clock.epochMs()): void {
    this.sweep(now);
    const user = username.toLowerCase();
    for (const [map, key] of [
      [this.pairs, pairKey(user, address)],
      [this.addresses, address],
      [this.users, user],
    ] as const) {
      const window = this.current(map, key, now) ?? { failures: 0, last: now, expires: now + this.windowMs };
      window.failures++;
      window.last = now;
      // A persistent guesser keeps the name's back-off at its cap instead of starting afresh.
      if (map === this.users) window.expires = now + this.windowMs;
      map.set(key, window);
    }
  }

  /** The password was right: the name's failures are forgotten and the address becomes known for it. */
  recordSuccess(username: string, address: string, now = this.clock.epochMs()): void {
    const user = username.toLowerCase();
    this.users.delete(user);
    this.pairs.delete(pairKey(user, address));
    const known = this.known.get(user) ?? new Map<string, number>();
    known.delete(address);
    known.set(address, now);
    if (known.size > KNOWN_ADDRESSES_PER_USER) known.delete(known.keys().next().value as string);
    this.known.set(user, known);
  }

  /** 0 up to the threshold, then 1 s, 2 s, 4 s … capped at LOGIN_BACKOFF_MAX_SECONDS. */
  private backoffMs(failures: number): number {
    const over = failures - this.config.LOGIN_BACKOFF_AFTER_FAILURES;
    if (over < 0) return 0;
    return Math.min(this.config.LOGIN_BACKOFF_MAX_SECONDS, 2 ** Math.min(over, 30)) * 1000;
  }

  private isKnown(user: string, address: string, now: number): boolean {
    const at = this.known.get(user)?.get(address);
    return at !== undefined && now - at < KNOWN_ADDRESS_MS;
  }

  private current(map: Map<string, Window>, key: string, now: number): Window | undefined {
    const window = map.get(key);
    if (window && now >= window.expires) {
      map.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const map of [this.pairs, this.addresses, this.users]) {
      for (const [key, window] of map) if (now >= window.expires) map.delete(key);
    }
    for (const [user, known] of this.known) {
      for (const [address, at] of known) if (now - at >= KNOWN_ADDRESS_MS) known.delete(address);
      if (!known.size) this.known.delete(user);
    }
  }
}

function pairKey(user: string, address: string): string {
  return `${user}\u0000${address}`;
}

function refuse(waitMs: number): never {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  throw tooManyRequests('TOO_MANY_LOGIN_ATTEMPTS', `Too many failed logins; try again in ${seconds} s`, seconds);
}

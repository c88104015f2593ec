import { Injectable } from '@nestjs/common';
import { ApiException } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';

interface Window {
  failures: number;
  since: number;
}

/**
 * Counts failed logins per username and per client address over a sliding window; past the
 * limit, logins from that name or address answer 429 until the window has passed, so a
 * password cannot be guessed at request speed.
 */
@Injectable()
export class LoginAttempts {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly config: AppConfig) {}

  private get windowMs(): number {
    return this.config.LOGIN_FAILURE_WINDOW_MINUTES * 60_000;
  }

  assertAllowed(username: string, address: string, now = Date.now()): void {
    const keys: [string, number][] = [
      [`user:${username.toLowerCase()}`, this.config.LOGIN_MAX_FAILURES_PER_USER],
      [`ip:${address}`, this.config.LOGIN_MAX_FAILURES_PER_IP],
    ];
    for (const [key, limit] of keys) {
      const window = this.current(key, now);
      if (window && window.failures >= limit) {
        const retryS = Math.ceil((window.since + this.windowMs - now) / 1000);
        throw new ApiException(429, 'TOO_MANY_LOGIN_ATTEMPTS', `Too many failed logins; try again in ${retryS} s`);
      }
    }
  }

  recordFailure(username: string, address: string, now = Date.now()): void {
    for (const key of [`user:${username.toLowerCase()}`, `ip:${address}`]) {
      const window = this.current(key, now) ?? { failures: 0, since: now };
      window.failures++;
      this.windows.set(key, window);
    }
  }

  recordSuccess(username: string): void {
    this.windows.delete(`user:${username.toLowerCase()}`);
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && now - window.since >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }
}

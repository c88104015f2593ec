import { ApiException, systemClock } from '@chariot/api-common';
import { loadConfig } from '@chariot/api-config';
import { LoginAttempts } from './login-attempts';

/** The 429 the attempt gets, or undefined when it may go ahead. */
function refusal(attempts: LoginAttempts, username: string, address: string, now: number): ApiException | undefined {
  try {
    attempts.assertAllowed(username, address, now);
    return undefined;
  } catch (e) {
    return e as ApiException;
  }
}

describe('LoginAttempts', () => {
  const config = loadConfig({
    LOGIN_MAX_FAILURES_PER_USER: '3',
    LOGIN_MAX_FAILURES_PER_IP: '5',
    LOGIN_FAILURE_WINDOW_MINUTES: '1',
    LOGIN_BACKOFF_AFTER_FAILURES: '4',
    LOGIN_BACKOFF_MAX_SECONDS: '8',
  });

  it('refuses a name from the address that failed too often, until the window passes', () => {
    const attempts = new LoginAttempts(config, systemClock);
    for (let i = 0; i < 3; i++) {
      expect(refusal(attempts, 'alice', '1.1.1.1', 0)).toBeUndefined();
      attempts.recordFailure('alice', '1.1.1.1', 0);
    }
    const refused = refusal(attempts, 'alice', '1.1.1.1', 1000);
    expect(refused?.getStatus()).toBe(429);
    expect(refused?.message).toMatch(/Too many failed logins; try again in 59 s/);
    expect(refused?.headers).toEqual({ 'Retry-After': '59' });
    expect(refusal(attempts, 'alice', '1.1.1.1', 60_000)).toBeUndefined();
  });

  it('does not lock the name for other addresses', () => {
    const attempts = new LoginAttempts(config, systemClock);
    for (let i = 0; i < 3; i++) attempts.recordFailure('alice', '6.6.6.6', 0);
    expect(refusal(attempts, 'alice', '6.6.6.6', 10)).toBeDefined();
    expect(refusal(attempts, 'alice', '2.2.2.2', 10)).toBeUndefined();
  });

  it('refuses an address that tries many names', () => {
    const attempts = new LoginAttempts(config, systemClock);
    for (let i = 0; i < 5; i++) attempts.recordFailure(`user${i}`, '9.9.9.9', 0);
    expect(refusal(attempts, 'someone-else', '9.9.9.9', 10)).toBeDefined();
    expect(refusal(attempts, 'someone-else', '8.8.8.8', 10)).toBeUndefined();
  });

  it('slows a name guessed from many addresses down exponentially, up to the cap, without locking it', () => {
    const attempts = new LoginAttempts(config, systemClock);
    let now = 0;
    // Four failures from four addresses: under every per-address limit, at the back-off threshold.
    for (let i = 0; i < 4; i++) attempts.recordFailure('bob', `10.0.0.${i}`, now);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const wait = Number(refusal(attempts, 'bob', '10.0.1.1', now)?.headers['Retry-After'] ?? 0);
      waits.push(wait);
      now += wait * 1000;
      expect(refusal(attempts, 'bob', `10.0.2.${i}`, now)).toBeUndefined();
      attempts.recordFailure('bob', `10.0.2.${i}`, now);
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it('lets the owner sign in without waiting from an address they signed in from before', () => {
    const attempts = new LoginAttempts(config, systemClock);
    attempts.recordSuccess('carol', '192.168.1.5', 0);
    for (let i = 0; i < 20; i++) attempts.recordFailure('carol', `10.9.${i}.1`, 100);
    expect(refusal(attempts, 'carol', '10.9.99.1', 200)).toBeDefined();
    expect(refusal(attempts, 'carol', '192.168.1.5', 200)).toBeUndefined();
  });

  it('forgets the failures of a name after a successful login', () => {
    const attempts = new LoginAttempts(config, systemClock);
    for (let i = 0; i < 6; i++) attempts.recordFailure('dave', `10.1.0.${i}`, 0);
    attempts.recordSuccess('dave', '10.1.1.1', 0);
    expect(refusal(attempts, 'dave', '10.1.2.2', 0)).toBeUndefined();
  });

  it('keeps a persistent guesser at the cap: the name window runs from the last failure', () => {
    const attempts = new LoginAttempts(config, systemClock);
    let now = 0;
    for (let i = 0; i < 12; i++) {
      now += 20_000;
      attempts.recordFailure('erin', `10.2.0.${i}`, now);
    }
    // 240 s after the first failure, well past the 60 s window, the back-off still holds.
    expect(Number(refusal(attempts, 'erin', '10.2.1.1', now + 1000)?.headers['Retry-After'])).toBe(7);
    expect(refusal(attempts, 'erin', '10.2.1.1', now + 60_000)).toBeUndefined();
  });
});

import { loadConfig } from '@chariot/api-config';
import { LoginAttempts } from './login-attempts';

describe('LoginAttempts', () => {
  const config = loadConfig({ LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_IP: '5', LOGIN_FAILURE_WINDOW_MINUTES: '1' });

  it('refuses a username after too many failures until the window passes', () => {
    const attempts = new LoginAttempts(config);
    for (let i = 0; i < 3; i++) {
      expect(() => attempts.assertAllowed('alice', '1.1.1.1', 0)).not.toThrow();
      attempts.recordFailure('alice', '1.1.1.1', 0);
    }
    expect(() => attempts.assertAllowed('alice', '2.2.2.2', 1000)).toThrow(/Too many failed logins/);
    expect(() => attempts.assertAllowed('alice', '2.2.2.2', 60_000)).not.toThrow();
  });

  it('refuses an address that tries many names', () => {
    const attempts = new LoginAttempts(config);
    for (let i = 0; i < 5; i++) attempts.recordFailure(`user${i}`, '9.9.9.9', 0);
    expect(() => attempts.assertAllowed('someone-else', '9.9.9.9', 10)).toThrow(/Too many/);
    expect(() => attempts.assertAllowed('someone-else', '8.8.8.8', 10)).not.toThrow();
  });

  it('forgets the failures of a name after a successful login', () => {
    const attempts = new LoginAttempts(config);
    attempts.recordFailure('bob', '1.1.1.1', 0);
    attempts.recordFailure('bob', '1.1.1.1', 0);
    attempts.recordSuccess('bob');
    attempts.recordFailure('bob', '1.1.1.1', 0);
    expect(() => attempts.assertAllowed('bob', '3.3.3.3', 0)).not.toThrow();
  });
});

import type { LoginResponse } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { e2eDatabase, RunningServer } from '../support/server';
import { useServer } from '../support/suite';

/** Headers that make a request come from `address`: the server trusts its loopback proxy here. */
const from = (address: string) => ({ 'x-forwarded-for': address });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function loginFrom(server: RunningServer, username: string, password: string, address: string) {
  return new ApiClient(server.baseUrl).post<LoginResponse>('/login', { username, password }, from(address));
}

/** Waits as long as a 429 says to. */
const waitOut = (reply: { headers: Headers }) => sleep(Number(reply.headers.get('retry-after')) * 1000);

describe(`failed logins cannot lock an account from outside (${e2eDatabase})`, () => {
  jest.setTimeout(60_000);
  const suite = useServer({
    TRUST_PROXY: 'loopback',
    LOGIN_MAX_FAILURES_PER_USER: '10',
    LOGIN_MAX_FAILURES_PER_IP: '20',
    LOGIN_BACKOFF_AFTER_FAILURES: '5',
    LOGIN_BACKOFF_MAX_SECONDS: '2',
    MAX_SESSIONS_PER_USER: '3',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    ({ server, admin } = suite);
    for (const name of ['alice', 'bob', 'carol', 'dave'])
      await admin.post('/api/users', { username: name, password: `${name}-password` });
  });

  it('lets the owner in from an address they used while guesses from many addresses only slow the name down (429, Retry-After)', async () => {
    expect((await loginFrom(server, 'alice', 'alice-password', '10.1.0.1')).status).toBe(200);
    // 24 guesses from three addresses, each under its own limits.
    const statuses: number[] = [];
    let slowedDown: Awaited<ReturnType<typeof loginFrom>> | undefined;
    for (let i = 0; i < 24; i++) {
      const reply = await loginFrom(server, 'alice', `guess-${i}`, `10.6.6.${i % 3}`);
      statuses.push(reply.status);
      if (reply.status === 429) slowedDown ??= reply;
    }
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(slowedDown?.body).toMatchObject({ result: 'ERROR', data: null, error: { code: 'TOO_MANY_LOGIN_ATTEMPTS' } });
    expect(Number(slowedDown?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // The owner, from the address they signed in from before: in at once.
    expect((await loginFrom(server, 'alice', 'alice-password', '10.1.0.1')).status).toBe(200);
  });

  it('makes a new address wait out the back-off, at most LOGIN_BACKOFF_MAX_SECONDS, then lets the right password in', async () => {
    // Eight wrong guesses from eight addresses, each after waiting as told.
    for (let i = 0, failed = 0; failed < 8; i++) {
      const reply = await loginFrom(server, 'bob', `guess-${i}`, `10.7.${i}.1`);
      if (reply.status === 429) await waitOut(reply);
      else failed++;
    }
    const waiting = await loginFrom(server, 'bob', 'bob-password', '10.7.99.1');
    expect(waiting.status).toBe(429);
    const retryAfter = Number(waiting.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(waiting.body.error?.message).toMatch(/try again in \d+ s/);
    await waitOut(waiting);
    expect((await loginFrom(server, 'bob', 'bob-password', '10.7.99.1')).status).toBe(200);
  });

  it('refuses one name from one address after 10 failures, and one address after 20, without touching the others', async () => {
    // Carol signs in from two places, then mistypes ten times at the first.
    for (const address of ['10.8.0.1', '10.8.0.9'])
      expect((await loginFrom(server, 'carol', 'carol-password', address)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await loginFrom(server, 'carol', `guess-${i}`, '10.8.0.1')).status).toBe(401);
    const refused = await loginFrom(server, 'carol', 'carol-password', '10.8.0.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect((await loginFrom(server, 'carol', 'carol-password', '10.8.0.9')).status).toBe(200);

    for (let i = 0; i < 20; i++) expect((await loginFrom(server, `nobody-${i}`, 'x', '10.9.0.1')).status).toBe(401);
    expect((await loginFrom(server, 'nobody-else', 'x', '10.9.0.1')).status).toBe(429);
    expect((await loginFrom(server, 'nobody-else', 'x', '10.9.0.2')).status).toBe(401);
  });

  it('counts wrong current passwords of the password change like failed logins', async () => {
    const dave = new ApiClient(server.baseUrl);
    expect((await dave.post('/login', { username: 'dave', password: 'dave-password' }, from('10.10.0.1'))).status).toBe(
      200,
    );
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await dave.post(
            '/api/session/password',
            { current_password: `guess-${i}`, new_password: 'long-enough-1' },
            from('10.10.0.1'),
          )
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const refused = await dave.post<unknown>(
      '/api/session/password',
      { current_password: 'dave-password', new_password: 'long-enough-1' },
      from('10.10.0.1'),
    );
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    // From another address the owner changes it once the name's back-off has passed.
    const change = () =>
      dave.post(
        '/api/session/password',
        { current_password: 'dave-password', new_password: 'long-enough-1' },
        from('10.10.0.2'),
      );
    const first = await change();
    if (first.status === 429) await waitOut(first);
    expect((first.status === 429 ? await change() : first).status).toBe(200);
  });

  it('caps the sessions of a user: a login past MAX_SESSIONS_PER_USER ends the least recently used one', async () => {
    await admin.post('/api/users', { username: 'erin', password: 'erin-password' });
    const sessions: ApiClient[] = [];
    for (let i = 0; i < 4; i++) sessions.push(await new ApiClient(server.baseUrl).login('erin', 'erin-password'));
    const statuses = await Promise.all(sessions.map(async (s) => (await s.get('/api/session/profile')).status));
    expect(statuses).toEqual([401, 200, 200, 200]);
  });
});

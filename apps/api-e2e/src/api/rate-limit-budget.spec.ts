import { ApiClient } from '../support/client';
import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

describe(`one request budget per user over every route (${e2eDatabase})`, () => {
  const suite = useServer({ RATE_LIMIT_PER_MINUTE: '30' });
  let admin: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    admin = suite.admin;
    other = await admin.addUser('other', 'other-password');
  });

  it('counts requests to different routes against the same per-minute limit, then answers 429 with Retry-After', async () => {
    const routes = ['/api/executions', '/api/files', '/api/session/profile', '/api/functions'];
    const statuses: number[] = [];
    // 40 requests, 10 per route: under the limit on each route, over it all together
    // (admin has spent 1 request on creating the other user).
    for (let i = 0; i < 40; i++) statuses.push((await admin.get(routes[i % routes.length])).status);
    expect(statuses.slice(0, 29).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(29).every((s) => s === 429)).toBe(true);
    const limited = await admin.post('/api/execute', { program: '1' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ result: 'ERROR', data: null, error: { code: 'TOO_MANY_REQUESTS' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("leaves another user's budget alone", async () => {
    expect((await other.get('/api/executions')).status).toBe(200);
    expect((await other.post('/api/execute', { program: '1+2' })).body).toEqual({ result: 'OK', data: 3 });
  });

  it('counts the opening of a log stream too, and refuses one past the limit with 429 before it opens', async () => {
    const id = await other.startAsync('logPrint("x")'); // the third request of theirs
    const replies = [];
    for (let i = 0; i < 30; i++) replies.push(await other.get(`/api/logs/${id}`, { accept: 'text/event-stream' }));
    const statuses = replies.map((r) => r.status);
    expect(statuses.slice(0, 27).every((s) => s === 200)).toBe(true);
    expect(replies[0].text).toContain('event: done');
    expect(statuses.slice(27).every((s) => s === 429)).toBe(true);
    expect(replies[29].headers.get('content-type')).toContain('application/json');
    expect(replies[29].body).toMatchObject({ result: 'ERROR', error: { code: 'TOO_MANY_REQUESTS' } });
  });
});

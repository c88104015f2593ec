import type { ExecutionStarted, UserProfile } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { e2eDatabase, RunningServer } from '../support/server';
import { useServer } from '../support/suite';

const METRICS_TOKEN = 'metrics-secret-for-the-e2e-scraper';

describe(`security headers, cross-origin requests and metrics access (${e2eDatabase})`, () => {
  const suite = useServer({ METRICS_PUBLIC: 'false', METRICS_TOKEN, RATE_LIMIT_PER_MINUTE: '100000' });
  let server: RunningServer;
  let admin: ApiClient;
  let user: ApiClient;

  beforeAll(async () => {
    ({ server, admin } = suite);
    user = await admin.addUser('plain-user', 'plain-user-password');
  });

  it.each(['/api/health', '/api/docs', '/api/nothing-here'])(
    'sends the security headers and no X-Powered-By on %s',
    async (path) => {
      const reply = await admin.get(path);
      expect(reply.headers.get('x-powered-by')).toBeNull();
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
    },
  );

  it('refuses a state-changing request that carries the session cookie from a page of another origin (403)', async () => {
    await admin.request('PUT', '/api/files/victim.ch', { content: 'logPrint(1)' });
    const crossSite = { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' };
    const deleted = await admin.request('DELETE', '/api/files/victim.ch', undefined, crossSite);
    expect(deleted.status).toBe(403);
    expect(deleted.body).toMatchObject({ result: 'ERROR', data: null, error: { code: 'CROSS_ORIGIN_REQUEST' } });
    // With no body at all, the kind of request a page can send without a preflight.
    const started = await admin.post<ExecutionStarted>('/api/execute-async', { program: 'sleep(60000)' });
    const id = started.body.data.execution_id;
    expect(
      (await admin.request('POST', `/api/executions/${id}/cancel`, undefined, { origin: 'http://evil.example' }))
        .status,
    ).toBe(403);
    expect((await admin.request('POST', '/logout', undefined, crossSite)).status).toBe(403);
    // Still signed in, the file still there.
    expect((await admin.get('/api/files/victim.ch')).status).toBe(200);
    expect((await admin.post(`/api/executions/${id}/cancel`)).status).toBe(200);
  });

  it("accepts the server's own pages, bearer requests and clients that are not browsers", async () => {
    const own = { origin: server.baseUrl, 'sec-fetch-site': 'same-origin' };
    expect((await admin.request('PUT', '/api/files/own.ch', { content: '1' }, own)).status).toBe(201);
    expect((await admin.request('PUT', '/api/files/own.ch', { content: '2' }, { origin: server.baseUrl })).status).toBe(
      200,
    );
    // A bearer token is exempt even when the cookie rides along: no page can add the header.
    const crossSite = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };
    expect(
      (
        await admin.request(
          'PUT',
          '/api/files/own.ch',
          { content: '3' },
          { authorization: `Bearer ${admin.token}`, ...crossSite },
        )
      ).status,
    ).toBe(200);
    expect((await admin.request('DELETE', '/api/files/own.ch')).status).toBe(200);
  });

  it('serves /api/metrics only to an admin session or the METRICS_TOKEN', async () => {
    const anonymous = await new ApiClient(server.baseUrl).get('/api/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ result: 'ERROR', error: { code: 'UNAUTHORIZED' } });
    expect(anonymous.text).not.toContain('chariot_executions');
    expect((await user.get('/api/metrics')).status).toBe(403);
    expect(
      (await new ApiClient(server.baseUrl).get('/api/metrics', { authorization: 'Bearer wrong-token' })).status,
    ).toBe(401);
    const scraper = await new ApiClient(server.baseUrl).get('/api/metrics', {
      authorization: `Bearer ${METRICS_TOKEN}`,
    });
    expect(scraper.status).toBe(200);
    expect(scraper.text).toContain('chariot_executions_running');
    expect((await admin.get('/api/metrics')).text).toContain('chariot_executions_running');
  });
});

describe(`metrics opened by setting (${e2eDatabase})`, () => {
  const suite = useServer({ METRICS_PUBLIC: 'true' });

  it('serves /api/metrics to anyone with METRICS_PUBLIC=true', async () => {
    const reply = await new ApiClient(suite.server.baseUrl).get('/api/metrics');
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('chariot_executions_running');
  });
});

describe(`a seeded default password allows only its change (${e2eDatabase})`, () => {
  const suite = useServer({ ALLOW_DEFAULT_PASSWORD: 'false', METRICS_PUBLIC: 'false' });

  it('lets admin/admin sign in, read the profile and change the password, and nothing else until then', async () => {
    const { server, admin } = suite;
    const profile = await admin.get<UserProfile>('/api/session/profile');
    expect(profile.body.data).toMatchObject({ username: 'admin', must_change_password: true });
    for (const [method, path, body] of [
      ['GET', '/api/files', undefined],
      ['POST', '/api/execute', { program: '1+2' }],
      ['GET', '/api/executions', undefined],
      ['POST', '/api/users', { username: 'sneaky', password: 'sneaky-password' }],
      ['GET', '/api/metrics', undefined],
    ] as const) {
      const reply = await admin.request(method, path, body);
      expect([path, reply.status]).toEqual([path, 403]);
      expect(reply.body).toMatchObject({ result: 'ERROR', error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    }
    expect(server.output()).toContain('until then it may do nothing else');

    expect(
      (await admin.post('/api/session/password', { current_password: 'admin', new_password: 'a-real-secret' })).status,
    ).toBe(200);
    expect((await admin.post('/api/execute', { program: '1+2' })).body).toEqual({ result: 'OK', data: 3 });
    expect((await admin.get<UserProfile>('/api/session/profile')).body.data.must_change_password).toBe(false);
    expect((await admin.post('/logout')).status).toBe(200);
  });
});

import { ApiClient } from '../support/client';
import { RunningServer, startServer } from '../support/server';

/** The parts of the OpenAPI document that this spec reads. */
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

describe('input validation and the API documentation', () => {
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer();
    admin = await new ApiClient(server.baseUrl).login();
  });
  afterAll(() => server.stop());

  it('answers 400 INVALID_JSON for a malformed body', async () => {
    const reply = await admin.request('POST', '/api/execute', '{"program": ', { 'content-type': 'application/json' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ result: 'ERROR', data: null, error: { code: 'INVALID_JSON' } });
  });

  it.each([
    [{}, 'program'],
    [{ program: 42 }, 'program must be a string'],
    [{ program: '1', extra: true }, 'property extra should not exist'],
  ])('answers 400 VALIDATION_FAILED for %j', async (body, detail) => {
    const reply = await admin.post<unknown>('/api/execute-async', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error?.message).toContain(detail);
  });

  it('answers 413 for a program over 1 MB and keeps serving', async () => {
    const huge = '1 '.repeat(600 * 1024);
    const reply = await admin.post<unknown>('/api/execute', { program: huge });
    expect(reply.status).toBe(413);
    expect(reply.body.result).toBe('ERROR');
    expect((await admin.post('/api/execute', { program: '1+1' })).body).toEqual({ result: 'OK', data: 2 });
  });

  it('answers unknown routes with a 404 envelope', async () => {
    const reply = await admin.get<unknown>('/api/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.body.result).toBe('ERROR');
  });

  it('serves Swagger UI and documents every endpoint', async () => {
    const ui = await admin.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const doc = (await admin.get<never, OpenApiDocument>('/api/docs-json')).body;
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/login',
        '/logout',
        '/api/execute',
        '/api/execute-async',
        '/api/logs/{execId}',
        '/api/result/{execId}',
        '/api/executions/{id}/cancel',
        '/api/executions',
        '/api/users',
        '/api/session/profile',
        '/api/session/password',
        '/api/functions',
        '/api/health',
        '/api/ready',
      ]),
    );
    expect(doc.components.schemas.ExecuteProgramDto.properties.program).toBeDefined();
    expect(doc.paths['/api/execute'].post.responses['400']).toBeDefined();
  });

  it('answers health and readiness without a session', async () => {
    const client = new ApiClient(server.baseUrl);
    expect((await client.get('/api/health')).body).toMatchObject({
      result: 'OK',
      data: { status: 'ok', info: { heap: { status: 'up' } } },
    });
    expect((await client.get('/api/ready')).body).toMatchObject({
      result: 'OK',
      data: { status: 'ok', info: { database: { status: 'up' } } },
    });
  });
});

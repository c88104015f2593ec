import type { ExecutionPage, LogPage } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

/** A JSON text whose `field` holds arrays nested `depth` deep. */
const deeplyNested = (field: string, depth: number) => `{"${field}":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe(`input that used to answer 500 (${e2eDatabase})`, () => {
  const suite = useServer({ RATE_LIMIT_PER_MINUTE: '100000' });
  let admin: ApiClient;
  let executionId: string;

  beforeAll(async () => {
    admin = suite.admin;
    executionId = await admin.startAsync('logPrint("one")');
  });

  it.each([
    ['POST', '/login', 'username'],
    ['POST', '/api/execute', 'program'],
    ['POST', '/api/execute-async', 'program'],
    ['POST', '/api/users', 'username'],
    ['POST', '/api/session/password', 'current_password'],
    ['PUT', '/api/files/deep.ch', 'content'],
    ['POST', '/api/files/deep.ch/rename', 'new_name'],
  ])('answers %s %s with a body nested 5,000 deep with 400 JSON_TOO_DEEP', async (method, path, field) => {
    const reply = await admin.request(method, path, deeplyNested(field, 5000), { 'content-type': 'application/json' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ result: 'ERROR', data: null, error: { code: 'JSON_TOO_DEEP' } });
  });

  it('still takes a body nested within the limit, and brackets inside strings do not count', async () => {
    const program = `${'['.repeat(100)}1${']'.repeat(100)}`;
    expect((await admin.post('/api/execute', { program: `strlen("${program}")` })).body).toEqual({
      result: 'OK',
      data: 201,
    });
    const debug = await admin.post(`/api/executions/${executionId}/debug`, { action: 'continue', breakpoints: [1] });
    expect(debug.status).toBe(409); // not paused: validated, then refused for what it is
  });

  it.each([
    '/api/executions?offset=1e19',
    '/api/executions?offset=9223372036854775808',
    '/api/executions?limit=1e19',
    '/api/executions?offset=2147483648',
    'LOGS?after=1e19',
    'LOGS?after=3000000000',
    'LOGS?limit=99999999999999999999',
    'STREAM?after=1e19',
  ])('answers %s with 400 VALIDATION_FAILED', async (template) => {
    const path = template
      .replace('LOGS', `/api/executions/${executionId}/logs`)
      .replace('STREAM', `/api/logs/${executionId}`);
    const reply = await admin.get(path);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ result: 'ERROR', error: { code: 'VALIDATION_FAILED' } });
  });

  it('takes the largest documented values', async () => {
    expect((await admin.get<ExecutionPage>('/api/executions?offset=2147483647&limit=500')).body.data.items).toEqual([]);
    expect(
      (await admin.get<LogPage>(`/api/executions/${executionId}/logs?after=2147483647&limit=10000`)).body.data.entries,
    ).toEqual([]);
  });
});

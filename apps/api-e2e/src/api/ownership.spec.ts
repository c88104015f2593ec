import type { ExecutionDetail, ExecutionPage } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { openSse } from '../support/sse';
import { RunningServer, startServer } from '../support/server';

describe('ownership and authentication of executions', () => {
  let server: RunningServer;
  let admin: ApiClient;
  let bob: ApiClient;
  let adminsExecution: string;

  beforeAll(async () => {
    server = await startServer();
    admin = await new ApiClient(server.baseUrl).login();
    bob = await admin.addUser('bob', 'bobs-password');
    adminsExecution = await admin.startAsync('sleep(3000) logPrint("secret")');
  });
  afterAll(() => server.stop());

  it.each([
    ['GET', '/api/logs/:id'],
    ['GET', '/api/result/:id'],
    ['GET', '/api/executions/:id'],
    ['GET', '/api/executions/:id/logs'],
    ['GET', '/api/executions/:id/logs.txt'],
    ['POST', '/api/executions/:id/cancel'],
    ['DELETE', '/api/executions/:id'],
  ])('answers 404 to another user on %s %s', async (method, path) => {
    const reply = await bob.request(method, path.replace(':id', adminsExecution), method === 'POST' ? {} : undefined);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ result: 'ERROR', error: { code: 'NOT_FOUND' } });
  });

  it('answers the same 404 for an unknown id as for a foreign one', async () => {
    const unknown = await bob.get('/api/logs/00000000-0000-0000-0000-000000000000');
    const foreign = await bob.get(`/api/logs/${adminsExecution}`);
    expect(unknown.body).toEqual(foreign.body);
  });

  it('answers 401 on the stream without a session, before any event', async () => {
    const stream = await openSse(`${server.baseUrl}/api/logs/${adminsExecution}`);
    expect(stream.status).toBe(401);
    expect(stream.headers.get('content-type')).toContain('application/json');
  });

  it('answers 401 with a forged bearer token', async () => {
    const reply = await new ApiClient(server.baseUrl).get('/api/executions', { authorization: 'Bearer forged' });
    expect(reply.status).toBe(401);
  });

  it('accepts the bearer token instead of the cookie', async () => {
    const reply = await new ApiClient(server.baseUrl).get<ExecutionDetail>(`/api/executions/${adminsExecution}`, {
      authorization: `Bearer ${admin.token}`,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({ id: adminsExecution, owner: 'admin' });
  });

  it("lists only the caller's executions", async () => {
    await bob.post('/api/execute', { program: '1' });
    const mine = await bob.get<ExecutionPage>('/api/executions');
    expect(mine.body.data.items.every((e) => e.owner === 'bob')).toBe(true);
    expect(mine.body.data.total).toBe(1);
  });
});

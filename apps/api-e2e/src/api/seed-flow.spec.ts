import type { ExecutionPending, FunctionCatalog, LoginResponse } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { collect, entries, openSse } from '../support/sse';
import { RunningServer, startServer } from '../support/server';

const SEED = 'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");';

describe('the seed cURL flow', () => {
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer();
    admin = await new ApiClient(server.baseUrl).login();
  });
  afterAll(() => server.stop());

  it('logs in as admin with a cookie jar and an httpOnly SameSite cookie', async () => {
    const client = new ApiClient(server.baseUrl);
    const reply = await client.post<LoginResponse>('/login', { username: 'admin', password: 'admin' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ result: 'OK', data: { username: 'admin', role: 'admin' } });
    const cookie = reply.headers.getSetCookie().find((c) => c.startsWith('chariot_token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(client.cookieHeader).toContain(reply.body.data.token);
  });

  it('streams the three INFO entries in order, then done', async () => {
    const id = await admin.startAsync(SEED);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const stream = await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('content-encoding')).toBeNull();
    const frames = await collect(stream);
    const logged = entries(frames);
    expect(logged.map((e) => [e.seq, e.level, e.message])).toEqual([
      [1, 'INFO', 'Starting test'],
      [2, 'INFO', 'Result is: 3'],
      [3, 'INFO', 'Test complete'],
    ]);
    expect(frames.filter((f) => f.event === 'message').map((f) => f.id)).toEqual(['1', '2', '3']);
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
    expect(stream.raw()).toMatch(/^retry: \d+$/m);
    // The server closes the stream after done.
    const next = await stream.frames.next();
    expect(next.done).toBe(true);
  });

  it('returns {"result":"OK","data":3} for logPrint("Test"); 1+2', async () => {
    const reply = await admin.post('/api/execute', { program: 'logPrint("Test"); 1+2' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('{"result":"OK","data":3}');
  });

  it('answers 202 PENDING while running and 200 with the value once done', async () => {
    const id = await admin.startAsync('sleep(1500); add(40, 2)');
    const early = await admin.get<ExecutionPending>(`/api/result/${id}`);
    expect(early.status).toBe(202);
    expect(early.body).toMatchObject({ result: 'PENDING', data: { execution_id: id, status: 'running' } });
    expect(Date.parse(early.body.data.started_at as string)).not.toBeNaN();
    await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    const late = await admin.get(`/api/result/${id}`);
    expect(late.status).toBe(200);
    expect(late.body).toEqual({ result: 'OK', data: 42 });
  });

  it('reports a script error with line and column, synchronously and on the stream', async () => {
    const sync = await admin.post<unknown>('/api/execute', { program: 'logPrint("ok")\nsetq(x, undefinedThing)' });
    expect(sync.status).toBe(200);
    expect(sync.body).toMatchObject({ result: 'ERROR', data: null, error: { line: 2 } });
    expect(sync.body.error?.message).toContain('undefinedThing');
    const id = await admin.startAsync('logPrint("before")\n  )');
    const frames = await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    expect(frames.at(-1)).toMatchObject({
      event: 'done',
      data: { status: 'failed', error: { code: 'SYNTAX_ERROR', line: 2, column: 3 } },
    });
  });

  it('sends lifecycle changes as status events, never as log lines', async () => {
    const id = await admin.startAsync('sleep(300) logPrint("only line")');
    const frames = await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    expect(frames[0]).toMatchObject({ event: 'status', data: { status: 'running' } });
    expect(entries(frames).map((e) => e.message)).toEqual(['only line']);
  });

  it('lists builtin functions for the editor', async () => {
    const reply = await admin.get<FunctionCatalog>('/api/functions');
    expect(reply.status).toBe(200);
    const names = reply.body.data.functions.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['logPrint', 'setq', 'add', 'sleep']));
    expect(reply.body.data.keywords).toEqual(expect.arrayContaining(['if', 'while', 'func']));
  });
});

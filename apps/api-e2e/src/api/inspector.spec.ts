import type { ExecutionDetail, ExecutionPage } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { collect, openSse } from '../support/sse';
import { e2eDatabase, RunningServer, startServer } from '../support/server';

/** The parts of the OpenAPI document that this spec reads. */
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { description?: string; responses: Record<string, { headers?: Record<string, unknown> }> }>
  >;
}

const LOOP =
  "setq(total, 0); declareGlobal(limit, 'N', 3); setq(i, 0); while(smaller(i, limit)) { setq(total, add(total, i)); setq(i, add(i, 1)) }; setq(f, func(x) { setq(inner, 1); x }); total";

describe(`runtime inspector: variables of an ended execution (${e2eDatabase})`, () => {
  let server: RunningServer;
  let admin: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    server = await startServer();
    admin = await new ApiClient(server.baseUrl).login();
    bob = await admin.addUser('bob', 'bobs-password');
  });
  afterAll(() => server.stop());

  /** Starts a program in the background, waits for its stream to end, returns its detail. */
  async function detailOfAsync(program: string) {
    const id = await admin.startAsync(program);
    await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    const reply = await admin.get<ExecutionDetail>(`/api/executions/${id}`);
    expect(reply.status).toBe(200);
    return reply.body.data;
  }

  it('lists the globals then the program variables a script left, without function locals', async () => {
    // f is called, so its local `inner` did exist while it ran
    const detail = await detailOfAsync(LOOP.replace(/total$/, 'call(f, total)'));
    expect(detail).toMatchObject({ status: 'succeeded', result: 3 });
    expect(detail.variables).toEqual([
      { name: 'limit', type: 'N', value: '3', truncated: false, scope: 'global' },
      { name: 'f', type: 'F', value: 'func(x)', truncated: false, scope: 'program' },
      { name: 'i', type: 'N', value: '3', truncated: false, scope: 'program' },
      { name: 'total', type: 'N', value: '3', truncated: false, scope: 'program' },
    ]);
  });

  it('keeps the variables of a script that failed', async () => {
    const division = await detailOfAsync("setq(a, 'x'); div(1, 0)");
    expect(division).toMatchObject({ status: 'failed', error: { code: 'RUNTIME_ERROR', function: 'div' } });
    expect(division.variables).toEqual([{ name: 'a', type: 'S', value: 'x', truncated: false, scope: 'program' }]);
    const undefinedName = await detailOfAsync("setq(a, 'x'); setq(b, [1, 2]); missing");
    expect(undefinedName.error?.message).toContain("variable 'missing' not defined");
    expect(undefinedName.variables?.map((v) => `${v.name}:${v.type}`)).toEqual(['a:S', 'b:A']);
  });

  it('cuts a long value at 1000 characters and marks it truncated', async () => {
    const detail = await detailOfAsync("setq(long, repeat('ab', 750)) 1");
    expect(detail.variables).toEqual([
      { name: 'long', type: 'S', value: 'ab'.repeat(500), truncated: true, scope: 'program' },
    ]);
  });

  it('gives a cancelled execution no snapshot (null)', async () => {
    const id = await admin.startAsync('setq(x, 1) sleep(10000)');
    expect((await admin.post(`/api/executions/${id}/cancel`)).status).toBe(200);
    const detail = (await admin.get<ExecutionDetail>(`/api/executions/${id}`)).body.data;
    expect(detail).toMatchObject({ status: 'cancelled', variables: null });
  });

  it('names the execution of a synchronous run in X-Execution-Id, whose detail has the variables', async () => {
    const reply = await admin.post('/api/execute', { program: LOOP });
    expect(reply.body).toMatchObject({ result: 'OK', data: 3 });
    const id = reply.headers.get('x-execution-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const detail = (await admin.get<ExecutionDetail>(`/api/executions/${id}`)).body.data;
    expect(detail).toMatchObject({ id, status: 'succeeded', program: LOOP });
    expect(detail.variables?.map((v) => v.name)).toEqual(['limit', 'f', 'i', 'total']);

    const failed = await admin.post('/api/execute', { program: "setq(a, 'x'); div(1, 0)" });
    expect(failed.body).toMatchObject({ result: 'ERROR', error: { code: 'RUNTIME_ERROR' } });
    const failedDetail = (await admin.get<ExecutionDetail>(`/api/executions/${failed.headers.get('x-execution-id')}`))
      .body.data;
    expect(failedDetail.variables).toEqual([{ name: 'a', type: 'S', value: 'x', truncated: false, scope: 'program' }]);
  });

  it('leaves variables out of the list', async () => {
    const list = await admin.get<ExecutionPage>('/api/executions?limit=100');
    expect(list.body.data.items.length).toBeGreaterThan(0);
    for (const item of list.body.data.items) expect(item).not.toHaveProperty('variables');
  });

  it("answers 404 to another user asking for an execution's variables", async () => {
    const reply = await admin.post('/api/execute', { program: "setq(secret, 'mine') 1" });
    const foreign = await bob.get(`/api/executions/${reply.headers.get('x-execution-id')}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ result: 'ERROR', error: { code: 'NOT_FOUND' } });
    expect(foreign.text).not.toContain('mine');
  });

  it('documents the detail and the X-Execution-Id header in the OpenAPI document', async () => {
    const doc = (await admin.get<never, OpenApiDocument>('/api/docs-json')).body;
    expect(doc.paths['/api/execute'].post.responses['200'].headers).toHaveProperty('X-Execution-Id');
    expect(doc.paths['/api/executions/{id}'].get.description).toContain('variables');
  });
});

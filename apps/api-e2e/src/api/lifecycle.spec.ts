import { ApiClient } from '../support/client';
import { collect, openSse } from '../support/sse';
import { RunningServer, startServer } from '../support/server';

describe('cancel, timeout and a responsive server', () => {
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer({ EXECUTION_TIMEOUT_MS: '4000', EXECUTION_MAX_STEPS: '1000000000000' });
    admin = await new ApiClient(server.baseUrl).login();
  });
  afterAll(() => server.stop());

  it('cancels while(true){} promptly and ends the stream with cancelled', async () => {
    const id = await admin.startAsync('while(true){}');
    const stream = await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader });
    const asked = Date.now();
    const cancel = await admin.post(`/api/executions/${id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toEqual({ result: 'OK', data: { execution_id: id, status: 'cancelled' } });
    const frames = await collect(stream);
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { status: 'cancelled', error: { code: 'CANCELLED' } } });
    expect(Date.now() - asked).toBeLessThan(2000);
    const again = await admin.post(`/api/executions/${id}/cancel`);
    expect(again.status).toBe(409);
  });

  it('cancels a sleeping script promptly', async () => {
    const id = await admin.startAsync('sleep(60000)');
    const asked = Date.now();
    await admin.post(`/api/executions/${id}/cancel`);
    expect(Date.now() - asked).toBeLessThan(1500);
    expect((await admin.get(`/api/result/${id}`)).body).toMatchObject({
      result: 'ERROR',
      error: { code: 'CANCELLED' },
    });
  });

  it('times out a runaway loop with status timed_out while the server keeps answering', async () => {
    const started = Date.now();
    const id = await admin.startAsync('while(true){}');
    const stream = await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader });
    // The loop burns a worker thread, not the event loop: other requests are answered while
    // it still runs (its result is still 202 after each of them).
    let answeredWhileRunning = 0;
    for (let i = 0; i < 5; i++) {
      const reply = await admin.post('/api/execute', { program: '1+2' });
      expect(reply.body).toEqual({ result: 'OK', data: 3 });
      if ((await admin.get(`/api/result/${id}`)).status === 202) answeredWhileRunning++;
    }
    expect(answeredWhileRunning).toBeGreaterThanOrEqual(3);
    const frames = await collect(stream);
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { status: 'timed_out', error: { code: 'TIMED_OUT' } } });
    expect(Date.now() - started).toBeLessThan(10_000);
    const result = await admin.get<unknown>(`/api/result/${id}`);
    expect(result.status).toBe(200);
    expect(result.body.error?.message).toContain('timed out');
  });

  it('ends infinite recursion with a call depth error', async () => {
    const reply = await admin.post<unknown>('/api/execute', {
      program: 'setq(f, func(n) { call(f, add(n, 1)) }) call(f, 0)',
    });
    expect(reply.body.result).toBe('ERROR');
    expect(reply.body.error?.message).toMatch(/call depth/i);
  });
});

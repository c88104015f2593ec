import type { DoneEvent, ExecutionStarted } from '@chariot/contract';
import { expect } from '@jest/globals';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiClient } from '../support/client';
import { collect, dataOf, entries, openSse, readUntil } from '../support/sse';
import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

/** Asks /api/health every 5 ms on a thread of its own until told to stop; answers the latencies. */
const HEALTH_PROBE = resolve(__dirname, '../../../../bench/health-probe.cjs');

/** Issue 11, class 4: one user's streams and debugger pauses do not hold the server. */
describe(`one user cannot hold the server (${e2eDatabase})`, () => {
  jest.setTimeout(120_000);
  const suite = useServer({
    MAX_LOG_ENTRIES: '100000',
    DEBUG_TOTAL_PAUSE_MS: '1500',
    DEBUG_PAUSE_TIMEOUT_MS: '60000',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  let admin: ApiClient;
  beforeAll(() => (admin = suite.admin));

  it('keeps /api/health answering while 20 streams replay a 100,000-entry log from the start', async () => {
    const id = await admin.startAsync('let i = 0; while (i < 100000) { logPrint("entry " + i); i = i + 1 }');
    while ((await admin.get(`/api/result/${id}`)).status !== 200) await new Promise((r) => setTimeout(r, 200));
    const probe = new Worker(HEALTH_PROBE, { workerData: { base: suite.server.baseUrl } });
    await new Promise((ready) => probe.once('message', ready));
    const counts = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const frames = await collect(
          await openSse(`${suite.server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }),
        );
        expect(frames.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
        return entries(frames).length;
      }),
    );
    probe.postMessage('stop');
    const latencies: number[] = await new Promise((done) => probe.once('message', done));
    expect(counts).toEqual(Array(20).fill(100_000));
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
    console.log(
      `GET /api/health while 20 streams replay 100,000 entries (${e2eDatabase}): n=${latencies.length} p50=${at(0.5)} ms p99=${at(0.99)} ms max=${at(1)} ms`,
    );
    // the goal is 50 ms (bench/catch-up.mjs measures it); the bound is loose for a shared CI machine,
    // yet far under the seconds that twenty catch-ups used to take from every request
    expect(latencies[Math.floor(latencies.length * 0.5)]).toBeLessThan(50);
    expect(latencies.at(-1)).toBeLessThan(1000);
  });

  it('ends a debugged run whose pauses together pass DEBUG_TOTAL_PAUSE_MS, even though it steps often', async () => {
    const program = 'let i = 0\nwhile (i < 100000) {\n  i = i + 1\n}\ni';
    const reply = await admin.post<ExecutionStarted>('/api/execute-async', {
      program,
      debug: { breakpoints: [], stopOnEntry: true },
    });
    const id = reply.body.data.execution_id;
    const stream = await openSse(`${suite.server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader });
    let steps = 0;
    for (;;) {
      const frames = await readUntil(stream, (f) => f.event === 'paused');
      const last = frames.at(-1);
      if (last?.event === 'done') {
        expect(dataOf<DoneEvent>(last)).toMatchObject({
          status: 'timed_out',
          error: { code: 'PAUSE_BUDGET_EXCEEDED', message: expect.stringContaining('DEBUG_TOTAL_PAUSE_MS') },
        });
        break;
      }
      // each pause lasts 200 ms, far under DEBUG_PAUSE_TIMEOUT_MS
      await new Promise((r) => setTimeout(r, 200));
      const step = await admin.post(`/api/executions/${id}/debug`, { action: 'step' });
      expect([200, 409]).toContain(step.status); // 409: the budget ran out during this pause
      steps++;
    }
    expect(steps).toBeGreaterThan(3);
    expect((await admin.get<unknown>(`/api/executions/${id}`)).body.data).toMatchObject({
      status: 'timed_out',
      error: { code: 'PAUSE_BUDGET_EXCEEDED' },
    });
  });
});

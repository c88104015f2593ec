import { expect } from '@jest/globals';
import type { ExecutionDetail, ExecutionPage, ExecutionStarted, LogPage } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { collect, openSse } from '../support/sse';
import { e2eDatabase, RunningServer, startServer } from '../support/server';

describe(`history and stored logs (${e2eDatabase})`, () => {
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer();
    admin = await new ApiClient(server.baseUrl).login();
  });
  afterAll(() => server.stop());

  it('lists executions newest first, paged and filtered by status', async () => {
    await admin.post('/api/execute', { program: 'logPrint("one") 1' });
    await admin.post('/api/execute', { program: 'nope(' });
    await admin.post('/api/execute', { program: '3' });
    const all = await admin.get<ExecutionPage>('/api/executions?limit=2');
    expect(all.body.data.total).toBe(3);
    expect(all.body.data.items.map((e) => e.program_preview)).toEqual(['3', 'nope(']);
    const next = await admin.get<ExecutionPage>('/api/executions?limit=2&offset=2');
    expect(next.body.data.items.map((e) => e.program_preview)).toEqual(['logPrint("one") 1']);
    expect(next.body.data.items[0]).toMatchObject({
      status: 'succeeded',
      entry_count: 1,
      program_bytes: 17,
      result_preview: '1',
      result_bytes: 1,
    });
    const failed = await admin.get<ExecutionPage>('/api/executions?status=failed');
    expect(failed.body.data.items.map((e) => e.program_preview)).toEqual(['nope(']);
    expect((await admin.get('/api/executions?status=bogus')).status).toBe(400);
  });

  it('never carries a program or a result whole in a list: a preview and the size, and the detail has them whole', async () => {
    const program = `logPrint("€"); "${'é'.repeat(3000)}" // ${'x'.repeat(5000)}`;
    const id = (await admin.post('/api/execute', { program })).headers.get('x-execution-id');
    const [item] = (await admin.get<ExecutionPage>('/api/executions?limit=1')).body.data.items;
    expect(item.id).toBe(id);
    expect(item).not.toHaveProperty('program');
    expect(item).not.toHaveProperty('result');
    expect(item).toMatchObject({
      program_preview: program.slice(0, 200),
      program_bytes: Buffer.byteLength(program),
      result_preview: `"${'é'.repeat(199)}`,
      result_bytes: 6002,
    });
    expect((await admin.get<unknown>(`/api/executions/${id}`)).body.data).toMatchObject({
      program,
      result: 'é'.repeat(3000),
    });
  });

  it('records the file a run came from, on both endpoints, in the list and the detail', async () => {
    const sync = await admin.post('/api/execute', { program: '"sync"', file: 'report.ch' });
    const syncId = sync.headers.get('x-execution-id');
    const started = await admin.post<ExecutionStarted>('/api/execute-async', {
      program: '"async"',
      file: 'nightly job.ch',
    });
    const asyncId = started.body.data.execution_id;
    await collect(await openSse(`${server.baseUrl}/api/logs/${asyncId}`, { cookie: admin.cookieHeader }));
    await admin.post('/api/execute', { program: '"typed in"' });

    const items = (await admin.get<ExecutionPage>('/api/executions?limit=3')).body.data.items;
    expect(items.map(({ program_preview, file }) => ({ program_preview, file }))).toEqual([
      { program_preview: '"typed in"', file: undefined },
      { program_preview: '"async"', file: 'nightly job.ch' },
      { program_preview: '"sync"', file: 'report.ch' },
    ]);
    expect(items[2].id).toBe(syncId);
    expect((await admin.get<unknown>(`/api/executions/${asyncId}`)).body.data).toMatchObject({
      program: '"async"',
      file: 'nightly job.ch',
    });
    for (const file of ['', 42, 'x'.repeat(129)]) {
      expect((await admin.post('/api/execute-async', { program: '1', file })).body).toMatchObject({
        error: { code: 'VALIDATION_FAILED' },
      });
    }
  });

  it('pages the stored log and filters it by level and text', async () => {
    const id = await admin.startAsync(
      'logPrint("alpha", "debug") logPrint("Beta needle", "warn") logPrint("gamma") logPrint("needle again", "error")',
    );
    await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    const page = await admin.get<LogPage>(`/api/executions/${id}/logs?limit=2`);
    expect(page.body.data.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(page.body.data).toMatchObject({ next_after: 2, has_more: true });
    const rest = await admin.get<LogPage>(`/api/executions/${id}/logs?after=2`);
    expect(rest.body.data.entries.map((e) => e.seq)).toEqual([3, 4]);
    expect(rest.body.data.has_more).toBe(false);
    const warnings = await admin.get<LogPage>(`/api/executions/${id}/logs?level=WARN,ERROR`);
    expect(warnings.body.data.entries.map((e) => e.message)).toEqual(['Beta needle', 'needle again']);
    const search = await admin.get<LogPage>(`/api/executions/${id}/logs?q=NEEDLE`);
    expect(search.body.data.entries.map((e) => e.seq)).toEqual([2, 4]);
    const literal = await admin.get<LogPage>(`/api/executions/${id}/logs?q=${encodeURIComponent('%')}`);
    expect(literal.body.data.entries).toEqual([]);
  });

  it('downloads the log as text with Content-Disposition', async () => {
    const id = await admin.startAsync('logPrint("first line") logPrint("second line", "warn")');
    await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    const download = await admin.get(`/api/executions/${id}/logs.txt`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="execution-${id}.log"`);
    expect(download.text).toMatch(/^\S+ \[INFO\] first line\n\S+ \[WARN\] second line\n$/);
  });

  it('deletes an ended execution and refuses to delete a running one', async () => {
    const running = await admin.startAsync('sleep(5000)');
    expect((await admin.request('DELETE', `/api/executions/${running}`)).status).toBe(409);
    await admin.post(`/api/executions/${running}/cancel`);
    expect((await admin.request('DELETE', `/api/executions/${running}`)).status).toBe(200);
    expect((await admin.get(`/api/executions/${running}`)).status).toBe(404);
    expect((await admin.get(`/api/executions/${running}/logs`)).status).toBe(404);
  });

  it('keeps MAX_LOG_ENTRIES lines, then one extra truncation notice, and counts the dropped ones', async () => {
    const capped = await startServer({ MAX_LOG_ENTRIES: '50' });
    try {
      const client = await new ApiClient(capped.baseUrl).login();
      const id = await client.startAsync(
        'setq(i, 0) while(smaller(i, 500)) { logPrint(i) setq(i, add(i, 1)) } "finished"',
      );
      const frames = await collect(await openSse(`${capped.baseUrl}/api/logs/${id}`, { cookie: client.cookieHeader }));
      expect(frames.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 'finished' } });
      const meta = (await client.get<ExecutionDetail>(`/api/executions/${id}`)).body.data;
      expect(meta).toMatchObject({ entry_count: 51, dropped_count: 450 });
      const tail = (await client.get<LogPage>(`/api/executions/${id}/logs?after=49`)).body.data.entries;
      expect(tail).toMatchObject([
        { seq: 50, level: 'INFO', message: '49' },
        { seq: 51, level: 'WARN', message: expect.stringContaining('Log limit reached') },
      ]);
      // exactly the cap: every line kept, no notice, nothing dropped
      const exact = (
        await client.post('/api/execute', {
          program: 'setq(i, 0) while(smaller(i, 50)) { logPrint(i) setq(i, add(i, 1)) } "exact"',
        })
      ).headers.get('x-execution-id');
      expect((await client.get<unknown>(`/api/executions/${exact}`)).body.data).toMatchObject({
        status: 'succeeded',
        entry_count: 50,
        dropped_count: 0,
      });
      const lastLine = (await client.get<LogPage>(`/api/executions/${exact}/logs?after=49`)).body.data.entries;
      expect(lastLine).toMatchObject([{ seq: 50, message: '49' }]);
    } finally {
      await capped.stop();
    }
  });

  it('exposes Prometheus metrics', async () => {
    const text = (await new ApiClient(server.baseUrl).get('/api/metrics')).text;
    expect(text).toMatch(/^chariot_executions\{status="succeeded"\} [1-9]\d*$/m);
    expect(text).toMatch(/^chariot_log_entries_written_total [1-9]\d*$/m);
    // every stored line is counted once in the store delay's histogram
    const written = Number(/^chariot_log_entries_written_total (\d+)$/m.exec(text)?.[1]);
    expect(text).toMatch(new RegExp(`^chariot_log_entry_store_delay_seconds_count ${written}$`, 'm'));
    expect(text).toMatch(new RegExp(`^chariot_log_entry_store_delay_seconds_bucket\\{le="\\+Inf"\\} ${written}$`, 'm'));
    expect(text).toMatch(/^chariot_log_entry_store_delay_seconds_bucket\{le="0\.001"\} \d+$/m);
    expect(text).toMatch(/^chariot_sse_streams_active \d+$/m);
    expect(text).toMatch(/^chariot_executions_running \d+$/m);
    expect(text).toMatch(/^chariot_executions_queued 0$/m);
  });
});

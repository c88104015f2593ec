import type { ExecutionDetail, LogPage } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { onServerDatabase, REFUSING_TRIGGERS, rowsOnServerDatabase } from '../support/database';
import { collect, entries, openSse } from '../support/sse';
import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

/**
 * Issue 11, classes 1 and 10: storage that refuses a write never wedges an execution. The
 * database is made to refuse some writes for good (triggers), as PostgreSQL refused NUL.
 */
describe(`storage that refuses a write (${e2eDatabase})`, () => {
  jest.setTimeout(60_000);
  const suite = useServer();
  let admin: ApiClient;

  beforeAll(async () => {
    admin = suite.admin;
    await onServerDatabase(suite.server, REFUSING_TRIGGERS);
  });

  const streamOf = async (id: string) =>
    collect(await openSse(`${suite.server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));

  it('stores NUL in a log line, a program, a result and a progress message as ␀ on both databases, and a NUL id is 404', async () => {
    const program = 'logPrint("a" + fromCharCode(0) + "b"); progress(50, "half" + fromCharCode(0)); "x\u0000y"';
    const reply = await admin.post('/api/execute', { program });
    expect(reply.body).toEqual({ result: 'OK', data: 'x\u0000y' });
    const id = reply.headers.get('x-execution-id') as string;
    const detail = (await admin.get<ExecutionDetail>(`/api/executions/${id}`)).body.data;
    expect(detail).toMatchObject({
      status: 'succeeded',
      result: 'x\u0000y',
      entry_count: 1,
      program: program.replace('\u0000', '\u2400'),
      progress: { message: 'half\u2400' },
    });
    expect((await admin.get<LogPage>(`/api/executions/${id}/logs`)).body.data.entries.map((e) => e.message)).toEqual([
      'a\u2400b',
    ]);
    expect(entries(await streamOf(id)).map((e) => e.message)).toEqual(['a\u2400b']);
    for (const path of [
      `/api/executions/${id}%00`,
      `/api/result/%00`,
      `/api/logs/a%00b`,
      `/api/executions/${id}/logs?q=%00`,
    ]) {
      expect((await admin.get(path)).status).toBeLessThan(500);
    }
    expect((await admin.get(`/api/executions/${id}%00`)).status).toBe(404);
  });

  it('stores a lone surrogate in a log line and in a program as U+FFFD on both databases', async () => {
    const program = 'logPrint("a" + fromCharCode(55357) + "b"); "x" // \udc00';
    const reply = await admin.post('/api/execute', { program });
    const id = reply.headers.get('x-execution-id') as string;
    expect((await admin.get<LogPage>(`/api/executions/${id}/logs`)).body.data.entries.map((e) => e.message)).toEqual([
      'a\ufffdb',
    ]);
    expect((await admin.get<ExecutionDetail>(`/api/executions/${id}`)).body.data.program).toBe(
      program.replace('\udc00', '\ufffd'),
    );
  });

  it('stores a flood of lines holding NUL, tabs, line breaks, backslashes and lone surrogates in big batches as single lines are stored', async () => {
    const lines = 20_000;
    const odd =
      'fromCharCode(0) + fromCharCode(9) + fromCharCode(10) + fromCharCode(13) + fromCharCode(92) + "N" + fromCharCode(55357)';
    const program = `let i = 1\nwhile (i <= ${lines}) { logPrint("line " + i + ${odd}); i = i + 1 }\n"done"`;
    const reply = await admin.post('/api/execute', { program });
    expect(reply.body).toEqual({ result: 'OK', data: 'done' });
    const id = reply.headers.get('x-execution-id') as string;
    const stored: string[] = [];
    for (let after = 0; after < lines; after += 10_000) {
      const page = await admin.get<LogPage>(`/api/executions/${id}/logs?after=${after}&limit=10000`);
      stored.push(...page.body.data.entries.map((e) => e.message));
    }
    expect(stored).toHaveLength(lines);
    const expected = (n: number) => `line ${n}\u2400\t\n\r\\N\ufffd`;
    expect(stored.filter((message, k) => message !== expected(k + 1))).toEqual([]);
    expect((await admin.get<ExecutionDetail>(`/api/executions/${id}`)).body.data.entry_count).toBe(lines);
  });

  it('leaves no log entry behind for an execution deleted from storage while it logs', async () => {
    const id = await admin.startAsync(
      'sleep(1000); let i = 0; while (i < 20000) { i = i + 1; logPrint("after " + i) }; "x"',
    );
    const frames = streamOf(id);
    const remove = `delete from log_entries where execution_id = '${id}'; delete from executions where id = '${id}'`;
    await onServerDatabase(suite.server, { sqlite: remove, postgres: remove });
    expect((await frames).at(-1)).toMatchObject({ event: 'done' });
    // PostgreSQL has no foreign key there (migration 009): the writer stores no rows for a missing
    // execution; SQLite's key refuses them.
    const left = await rowsOnServerDatabase<{ n: number | string }>(
      suite.server,
      'select count(*) as n from log_entries where execution_id = $1',
      [id],
    );
    expect(Number(left[0].n)).toBe(0);
  });

  it('ends a run whose log batch can never be stored as failed LOG_STORAGE_FAILED, and its stream gets done', async () => {
    const id = await admin.startAsync('logPrint("kept"); sleep(200); logPrint("poison"); sleep(60000); "never"');
    const frames = await streamOf(id);
    expect(entries(frames).map((e) => e.message)).toEqual(['kept']);
    expect(frames.at(-1)).toMatchObject({
      event: 'done',
      data: { status: 'failed', error: { code: 'LOG_STORAGE_FAILED' } },
    });
    expect((await admin.get(`/api/result/${id}`)).status).toBe(200);
    expect((await admin.get<unknown>(`/api/executions/${id}`)).body.data).toMatchObject({
      status: 'failed',
      entry_count: 1,
      error: { code: 'LOG_STORAGE_FAILED' },
    });
    expect((await admin.request('DELETE', `/api/executions/${id}`)).status).toBe(200);
  });

  it('ends a run whose outcome cannot be recorded as failed INTERNAL_ERROR, stored, with its stream done', async () => {
    const reply = await admin.post('/api/execute', { program: 'logPrint("one"); "wedge-result"' });
    expect(reply.body).toMatchObject({ result: 'ERROR', error: { code: 'INTERNAL_ERROR' } });
    const id = reply.headers.get('x-execution-id') as string;
    expect((await admin.get<unknown>(`/api/executions/${id}`)).body.data).toMatchObject({
      status: 'failed',
      error: { code: 'INTERNAL_ERROR' },
    });
    expect((await streamOf(id)).at(-1)).toMatchObject({
      event: 'done',
      data: { status: 'failed', error: { code: 'INTERNAL_ERROR' } },
    });
  });

  it('still ends a run when not even its failure can be recorded: the request answers and the stream gets done', async () => {
    const id = await admin.startAsync('logPrint("one"); sleep(300); "wedge-end"');
    const stream = openSse(`${suite.server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader });
    const reply = await admin.post('/api/execute', { program: '"wedge-end"' });
    expect(reply.body).toMatchObject({ result: 'ERROR', error: { code: 'INTERNAL_ERROR' } });
    const frames = await collect(await stream);
    expect(entries(frames).map((e) => e.message)).toEqual(['one']);
    expect(frames.at(-1)).toMatchObject({
      event: 'done',
      data: { status: 'failed', error: { code: 'INTERNAL_ERROR' } },
    });
    // the server goes on
    expect((await admin.post('/api/execute', { program: '1+2' })).body).toEqual({ result: 'OK', data: 3 });
  });
});

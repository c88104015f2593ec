import type { ExecutionDetail, LogPage } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

const MAX_LOG_BYTES = 1024 * 1024;
const MAX_STORED_BYTES_PER_USER = 3_000_000;

/** Issue 11, class 2: log bytes are counted as stored (UTF-8), per execution and per user. */
describe(`log bytes per execution and per user (${e2eDatabase})`, () => {
  jest.setTimeout(60_000);
  const suite = useServer({
    MAX_LOG_BYTES: String(MAX_LOG_BYTES),
    MAX_STORED_BYTES_PER_USER: String(MAX_STORED_BYTES_PER_USER),
  });

  /** Runs a program to its end; the execution's detail and its stored messages. */
  async function run(client: ApiClient, program: string) {
    const id = (await client.post<unknown>('/api/execute', { program })).headers.get('x-execution-id') as string;
    const detail = (await client.get<ExecutionDetail>(`/api/executions/${id}`)).body.data;
    const messages: string[] = (
      await client.get<LogPage>(`/api/executions/${id}/logs?limit=10000`)
    ).body.data.entries.map((e) => e.message);
    return { id, detail, messages };
  }

  it('counts MAX_LOG_BYTES in UTF-8 bytes: lines of "€" stop at the cap, not at three times it', async () => {
    // each line is 200,000 UTF-16 units and 600,000 bytes: one fits in 1 MiB, two do not
    const { detail, messages } = await run(
      suite.admin,
      'let i = 0; while (i < 10) { logPrint(repeat("€", 200000)); i = i + 1 }; "done"',
    );
    expect(detail).toMatchObject({ status: 'succeeded', entry_count: 2, dropped_count: 9 });
    expect(messages[1]).toContain('Log limit reached');
    expect(Buffer.byteLength(messages[0], 'utf8')).toBe(600_000);
  });

  it('drops the lines of a user past MAX_STORED_BYTES_PER_USER with one notice, counts them, and frees the space when runs are deleted', async () => {
    const carol = await suite.admin.addUser('carol', 'carol-password');
    const dave = await suite.admin.addUser('dave', 'dave-password');
    const line = 'logPrint(repeat("x", 900000)); "logged"';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const kept = await run(carol, line);
      expect(kept.detail).toMatchObject({ status: 'succeeded', entry_count: 1, dropped_count: 0 });
      ids.push(kept.id);
    }
    // 2,700,000 bytes stored: the next 900,000 would pass the quota
    const over = await run(carol, 'logPrint(repeat("x", 900000)); logPrint("and one more"); "logged"');
    expect(over.detail).toMatchObject({ status: 'succeeded', result: 'logged', entry_count: 1, dropped_count: 2 });
    expect(over.messages).toEqual([expect.stringContaining('MAX_STORED_BYTES_PER_USER')]);
    // another user has a quota of their own
    expect((await run(dave, line)).detail).toMatchObject({ entry_count: 1, dropped_count: 0 });
    for (const id of ids) expect((await carol.request('DELETE', `/api/executions/${id}`)).status).toBe(200);
    expect((await run(carol, line)).detail).toMatchObject({ entry_count: 1, dropped_count: 0 });
  });
});

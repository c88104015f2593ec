import type { FileDetail, FileSummary } from '@chariot/contract';
import { e2eDatabase } from '../support/server';
import { useServer } from '../support/suite';

/** Two editors of one file: a save over a version it did not read is refused (issue 12, lost work). */
describe(`file versions (${e2eDatabase})`, () => {
  const suite = useServer();

  const version = (reply: { headers: Headers }) => Number(reply.headers.get('x-file-version'));

  it('counts the versions of a file in X-File-Version on GET and PUT, keeping the documented bodies', async () => {
    const created = await suite.admin.request<FileSummary>('PUT', '/api/files/counted.ch', { content: 'one' });
    expect(created.status).toBe(201);
    expect(version(created)).toBe(1);
    expect(Object.keys(created.body.data).sort()).toEqual(['created_at', 'name', 'size', 'updated_at']);
    const saved = await suite.admin.request('PUT', '/api/files/counted.ch', { content: 'two', version: 1 });
    expect(saved.status).toBe(200);
    expect(version(saved)).toBe(2);
    const got = await suite.admin.get<FileDetail>('/api/files/counted.ch');
    expect(version(got)).toBe(2);
    expect(got.body.data.content).toBe('two');
    // Examples start at 1 too.
    expect(version(await suite.admin.get('/api/files/hello.ch'))).toBe(1);
  });

  it('answers 409 FILE_CHANGED in the envelope when the file was saved since, and changes nothing', async () => {
    await suite.admin.request('PUT', '/api/files/shared.ch', { content: 'v1' });
    const tabA = version(await suite.admin.get('/api/files/shared.ch'));
    const tabB = version(await suite.admin.get('/api/files/shared.ch'));

    expect(
      (await suite.admin.request('PUT', '/api/files/shared.ch', { content: 'from A', version: tabA })).status,
    ).toBe(200);
    const stale = await suite.admin.request('PUT', '/api/files/shared.ch', { content: 'from B', version: tabB });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      result: 'ERROR',
      data: null,
      error: {
        code: 'FILE_CHANGED',
        message:
          "'shared.ch' was saved elsewhere since version 1 was read (it is at version 2); reload it, or save without a version to overwrite",
      },
    });
    expect((await suite.admin.get<FileDetail>('/api/files/shared.ch')).body.data.content).toBe('from A');

    // Overwrite: a save without a version wins, as before versions existed.
    const overwritten = await suite.admin.request('PUT', '/api/files/shared.ch', { content: 'from B' });
    expect(overwritten.status).toBe(200);
    expect(version(overwritten)).toBe(3);
  });

  it('answers 409 FILE_CHANGED for a versioned save of a file deleted since, and 400 for a bad version', async () => {
    await suite.admin.request('PUT', '/api/files/gone.ch', { content: 'x' });
    await suite.admin.request('DELETE', '/api/files/gone.ch');
    const stale = await suite.admin.request<unknown>('PUT', '/api/files/gone.ch', { content: 'y', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('FILE_CHANGED');
    expect((await suite.admin.get('/api/files/gone.ch')).status).toBe(404);
    for (const bad of [0, -1, 1.5, '2', 2 ** 31]) {
      const reply = await suite.admin.request<unknown>('PUT', '/api/files/gone.ch', { content: 'y', version: bad });
      expect({ bad, status: reply.status, code: reply.body.error?.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it('lets exactly one of many concurrent saves of one version through', async () => {
    await suite.admin.request('PUT', '/api/files/race.ch', { content: 'base' });
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        suite.admin.request('PUT', '/api/files/race.ch', { content: `writer ${i}`, version: 1 }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = replies.findIndex((r) => r.status === 200);
    expect((await suite.admin.get<FileDetail>('/api/files/race.ch')).body.data.content).toBe(`writer ${winner}`);
  });
});

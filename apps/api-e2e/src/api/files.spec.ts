import { request as httpRequest } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import type { FileDetail, FileSummary } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { RunningServer, startServer } from '../support/server';

/** The parts of the OpenAPI document that this spec reads. */
interface OpenApiDocument {
  paths: Record<string, Record<string, { tags?: string[] }>>;
}

const EXAMPLES = ['functions.ch', 'hello.ch', 'streaming-demo.ch'];

interface RawReply {
  status: number;
  body: { result?: string; error?: { code?: string; message?: string } } | undefined;
}

/** Sends a path exactly as written: fetch would resolve `%2e%2e` segments before sending. */
function rawRequest(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<RawReply> {
  const url = new URL(baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as RawReply['body']) : undefined }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Every file path under a directory, to show that a refused name wrote nothing to disk. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTree(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('files API', () => {
  let server: RunningServer;
  let admin: ApiClient;
  let userCount = 0;

  /** A brand-new user, logged in: their store has never been touched. */
  async function newUser(): Promise<ApiClient> {
    const username = `user${++userCount}`;
    const created = await admin.post('/api/users', { username, password: `${username}-password` });
    if (created.status !== 201) throw new Error(`create user: ${created.status} ${created.text}`);
    return new ApiClient(server.baseUrl).login(username, `${username}-password`);
  }

  const names = async (client: ApiClient): Promise<string[]> =>
    (await client.get<FileSummary[]>('/api/files')).body.data.map((f) => f.name);

  beforeAll(async () => {
    server = await startServer();
    admin = await new ApiClient(server.baseUrl).login();
  });
  afterAll(() => server.stop());

  it('answers 401 without a session', async () => {
    const anonymous = new ApiClient(server.baseUrl);
    for (const [method, path, body] of [
      ['GET', '/api/files', undefined],
      ['GET', '/api/files/hello.ch', undefined],
      ['PUT', '/api/files/a.ch', { content: 'x' }],
      ['POST', '/api/files/hello.ch/rename', { new_name: 'b.ch' }],
      ['DELETE', '/api/files/hello.ch', undefined],
    ] as const) {
      const reply = await anonymous.request<unknown>(method, path, body);
      expect(reply.status).toBe(401);
      expect(reply.body.error?.code).toBe('UNAUTHORIZED');
    }
  });

  it('gives a new user example scripts, each of which runs', async () => {
    const alice = await newUser();
    const list = await alice.get<FileSummary[]>('/api/files');
    expect(list.status).toBe(200);
    expect(list.body.result).toBe('OK');
    expect(list.body.data.map((f) => f.name)).toEqual(EXAMPLES);
    for (const file of list.body.data) {
      expect(file).toEqual({
        name: expect.any(String),
        size: expect.any(Number),
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
    }

    const results: Record<string, unknown> = {};
    for (const name of EXAMPLES) {
      const { body } = await alice.get<FileDetail>(`/api/files/${name}`);
      expect(body.data.size).toBe(Buffer.byteLength(body.data.content));
      const run = await alice.post<unknown>('/api/execute', { program: body.data.content });
      expect({ name, result: run.body.result, error: run.body.error }).toEqual({
        name,
        result: 'OK',
        error: undefined,
      });
      results[name] = run.body.data;
    }
    expect(results).toEqual({ 'functions.ch': 55, 'hello.ch': null, 'streaming-demo.ch': 5 });
    const demo = (await alice.get<FileDetail>('/api/files/streaming-demo.ch')).body.data.content;
    for (const fragment of ['sleep(300)', 'progress(', '"debug"', '"info"', '"warn"', '"error"'])
      expect(demo).toContain(fragment);
    expect((await alice.get<FileDetail>('/api/files/hello.ch')).body.data.content).toContain(
      'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");',
    );
  });

  it('does not bring the examples back once they are all deleted', async () => {
    const bob = await newUser();
    for (const name of await names(bob)) expect((await bob.request('DELETE', `/api/files/${name}`)).status).toBe(200);
    expect((await bob.get('/api/files')).body).toEqual({ result: 'OK', data: [] });
    expect((await bob.get<FileSummary[]>('/api/files')).body.data).toEqual([]);
  });

  it('creates, reads, lists, overwrites, renames and deletes a file', async () => {
    const carol = await newUser();
    const created = await carol.request<FileSummary>('PUT', '/api/files/my%20script.ch', {
      content: 'logPrint("hi"); 1 + 1',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      result: 'OK',
      data: {
        name: 'my script.ch',
        size: 21,
        created_at: expect.any(String),
        updated_at: created.body.data.created_at,
      },
    });

    const got = await carol.get<FileDetail>('/api/files/my%20script.ch');
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual({ ...created.body.data, content: 'logPrint("hi"); 1 + 1' });
    expect(await names(carol)).toEqual(['functions.ch', 'hello.ch', 'my script.ch', 'streaming-demo.ch']);

    await new Promise((r) => setTimeout(r, 10));
    const overwritten = await carol.request<FileSummary>('PUT', '/api/files/my%20script.ch', { content: 'héllo' });
    expect(overwritten.status).toBe(200);
    expect(overwritten.body.data).toMatchObject({
      name: 'my script.ch',
      size: 6,
      created_at: created.body.data.created_at,
    });
    expect(overwritten.body.data.updated_at > created.body.data.updated_at).toBe(true);
    expect((await carol.get<FileDetail>('/api/files/my%20script.ch')).body.data.content).toBe('héllo');

    const renamed = await carol.post<FileSummary>('/api/files/my%20script.ch/rename', { new_name: 'renamed.ch' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toEqual({ ...overwritten.body.data, name: 'renamed.ch' });
    expect((await carol.get('/api/files/my%20script.ch')).status).toBe(404);
    expect((await carol.get<FileDetail>('/api/files/renamed.ch')).body.data.content).toBe('héllo');

    const deleted = await carol.request('DELETE', '/api/files/renamed.ch');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ result: 'OK', data: { deleted: 'renamed.ch' } });
    const again = await carol.request<unknown>('DELETE', '/api/files/renamed.ch');
    expect(again.status).toBe(404);
    expect(again.body.error?.code).toBe('NOT_FOUND');
    const missing = await carol.get('/api/files/renamed.ch');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      result: 'ERROR',
      data: null,
      error: { code: 'NOT_FOUND', message: "File 'renamed.ch' not found" },
    });
  });

  it('refuses to rename onto an existing name with 409 and a missing source with 404', async () => {
    const dan = await newUser();
    await dan.request('PUT', '/api/files/a.ch', { content: 'a' });
    const clash = await dan.post<unknown>('/api/files/a.ch/rename', { new_name: 'hello.ch' });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toEqual({ code: 'FILE_EXISTS', message: "A file named 'hello.ch' already exists" });
    expect((await dan.get<FileDetail>('/api/files/a.ch')).body.data.content).toBe('a');
    expect((await dan.get<FileDetail>('/api/files/hello.ch')).body.data.content).toContain('Starting test');
    const missing = await dan.post('/api/files/nope.ch/rename', { new_name: 'b.ch' });
    expect(missing.status).toBe(404);
    const badTarget = await dan.post<unknown>('/api/files/a.ch/rename', { new_name: '../b.ch' });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error?.code).toBe('INVALID_FILE_NAME');
    const noTarget = await dan.post<unknown>('/api/files/a.ch/rename', {});
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.error?.code).toBe('VALIDATION_FAILED');
  });

  it("answers 404 for another user's file and never shows it", async () => {
    const erin = await newUser();
    const frank = await newUser();
    await erin.request('PUT', '/api/files/private.ch', { content: 'erin only' });
    expect((await frank.get('/api/files/private.ch')).status).toBe(404);
    expect((await frank.post('/api/files/private.ch/rename', { new_name: 'stolen.ch' })).status).toBe(404);
    expect((await frank.request('DELETE', '/api/files/private.ch')).status).toBe(404);
    expect(await names(frank)).not.toContain('private.ch');
    expect((await admin.get('/api/files/private.ch')).status).toBe(404);
    // Frank's own file of that name is his; Erin's is untouched.
    expect((await frank.request('PUT', '/api/files/private.ch', { content: 'frank' })).status).toBe(201);
    expect((await erin.get<FileDetail>('/api/files/private.ch')).body.data.content).toBe('erin only');
  });

  it('answers 400 INVALID_FILE_NAME for traversal and other bad names, writing nothing', async () => {
    const grace = await newUser();
    const before = await grace.get('/api/files');
    const filesBefore = listTree(server.dataDir);
    const encoded = [
      '..%2Fa.ch',
      '..%2F..%2Fetc%2Fpasswd.ch',
      'a%2Fb.ch',
      '..%5Ca.ch',
      'a%5Cb.ch',
      '%252e%252e%252fa.ch',
      '.hidden.ch',
      'a%00.ch',
      'a%0A.ch',
      'no-extension',
      'script.txt',
      'x'.repeat(126) + '.ch',
    ];
    for (const name of encoded) {
      const put = await grace.request<unknown>('PUT', `/api/files/${name}`, { content: 'logPrint("escaped")' });
      expect({ name, status: put.status, code: put.body?.error?.code }).toEqual({
        name,
        status: 400,
        code: 'INVALID_FILE_NAME',
      });
      expect(put.body.error?.message).toMatch(/^Invalid file name .*: .+ \(expected /);
      expect((await grace.get(`/api/files/${name}`)).status).toBe(400);
      expect((await grace.request('DELETE', `/api/files/${name}`)).status).toBe(400);
    }
    // Dot segments sent as they are, without a client resolving them first.
    for (const path of ['/api/files/%2e%2e', '/api/files/%2e%2e%2fa.ch', '/api/files/..%2f..%2fa.ch']) {
      const raw = await rawRequest(server.baseUrl, 'PUT', path, grace.token as string, { content: 'x' });
      expect({ path, status: raw.status, code: raw.body?.error?.code }).toEqual({
        path,
        status: 400,
        code: 'INVALID_FILE_NAME',
      });
    }
    expect((await grace.get('/api/files')).body).toEqual(before.body);
    expect(listTree(server.dataDir).filter((f) => !filesBefore.includes(f) && !/chariot\.db/.test(f))).toEqual([]);
  });

  it('validates the body: content must be a string and no other fields are accepted', async () => {
    const heidi = await newUser();
    for (const body of [{}, { content: 42 }, { content: 'x', extra: true }]) {
      const reply = await heidi.request<unknown>('PUT', '/api/files/a.ch', body);
      expect(reply.status).toBe(400);
      expect(reply.body.error?.code).toBe('VALIDATION_FAILED');
    }
    const nul = await heidi.request<unknown>('PUT', '/api/files/a.ch', { content: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.error?.code).toBe('INVALID_FILE_CONTENT');
    expect((await heidi.request('PUT', '/api/files/empty.ch', { content: '' })).status).toBe(201);
    expect((await heidi.get('/api/files/a.ch')).status).toBe(404);
  });

  it('refuses content over the 1 MiB program limit with 413 FILE_TOO_LARGE', async () => {
    const ivan = await newUser();
    const exact = await ivan.request<FileSummary>('PUT', '/api/files/exact.ch', { content: 'x'.repeat(1024 * 1024) });
    expect(exact.status).toBe(201);
    expect(exact.body.data.size).toBe(1024 * 1024);
    const over = await ivan.request<unknown>('PUT', '/api/files/over.ch', { content: 'x'.repeat(1024 * 1024 + 1) });
    expect(over.status).toBe(413);
    expect(over.body.error?.code).toBe('FILE_TOO_LARGE');
    expect((await ivan.get('/api/files/over.ch')).status).toBe(404);
  });

  it('handles concurrent first requests: examples seeded once, one create and the rest overwrites', async () => {
    const kim = await newUser();
    const lists = await Promise.all(Array.from({ length: 5 }, () => kim.get<FileSummary[]>('/api/files')));
    for (const list of lists) expect(list.body.data.map((f) => f.name)).toEqual(EXAMPLES);
    const saves = await Promise.all(
      Array.from({ length: 8 }, (_, i) => kim.request('PUT', '/api/files/race.ch', { content: `v${i}` })),
    );
    expect(saves.map((s) => s.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await names(kim)).toEqual(['functions.ch', 'hello.ch', 'race.ch', 'streaming-demo.ch']);
  });

  it('stops at 500 files per user with 409 FILE_QUOTA_EXCEEDED, still allowing overwrites', async () => {
    const leo = await newUser();
    const start = (await names(leo)).length;
    for (let i = start; i < 500; i += 25) {
      const batch = Array.from({ length: Math.min(25, 500 - i) }, (_, j) =>
        leo.request('PUT', `/api/files/f${i + j}.ch`, { content: '' }),
      );
      for (const reply of await Promise.all(batch)) expect(reply.status).toBe(201);
    }
    const full = await leo.request<unknown>('PUT', '/api/files/one-too-many.ch', { content: '' });
    expect(full.status).toBe(409);
    expect(full.body.error?.code).toBe('FILE_QUOTA_EXCEEDED');
    expect((await leo.request('PUT', '/api/files/hello.ch', { content: 'changed' })).status).toBe(200);
    expect((await leo.get<FileSummary[]>('/api/files')).body.data).toHaveLength(500);
  });

  it("removes a user's files with the user", async () => {
    const judy = await newUser();
    await judy.request('PUT', '/api/files/mine.ch', { content: 'x' });
    expect((await admin.request('DELETE', `/api/users/user${userCount}`)).status).toBe(200);
    await admin.post('/api/users', { username: `user${userCount}`, password: `user${userCount}-password` });
    const again = await new ApiClient(server.baseUrl).login(`user${userCount}`, `user${userCount}-password`);
    expect(await names(again)).toEqual(EXAMPLES);
  });

  it('documents the files routes in Swagger', async () => {
    const doc = (await admin.get<never, OpenApiDocument>('/api/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/files', '/api/files/{name}', '/api/files/{name}/rename']),
    );
    expect(Object.keys(doc.paths['/api/files/{name}'])).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
    expect(doc.paths['/api/files'].get.tags).toEqual(['files']);
  });
});

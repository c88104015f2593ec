import { expect } from '@jest/globals';
import type { UserProfile } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { RunningServer, startServer } from '../support/server';

describe('authentication and users', () => {
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer({ SESSION_IDLE_MINUTES: '1' });
    admin = await new ApiClient(server.baseUrl).login();
  });
  afterAll(() => server.stop());

  it('warns in the log while the default admin password is unchanged', () => {
    expect(server.output()).toMatch(/still has its default password/);
  });

  it('writes structured JSON logs that never contain passwords or tokens', async () => {
    await admin.get('/api/session/profile');
    await new ApiClient(server.baseUrl).post('/login', { username: 'admin', password: 'wrong-secret-xyz' });
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(3);
    const request = lines
      .map((l) => JSON.parse(l) as { req?: { url?: string } })
      .find((l) => l.req?.url === '/api/session/profile');
    expect(request).toMatchObject({ level: 30, user: 'admin', res: { statusCode: 200 } });
    expect(server.output()).not.toContain(admin.token);
    expect(server.output()).not.toContain('wrong-secret-xyz');
  });

  it('answers 401 with the envelope for a wrong password', async () => {
    const reply = await new ApiClient(server.baseUrl).post('/login', { username: 'admin', password: 'nope' });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      result: 'ERROR',
      data: null,
      error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password' },
    });
    expect(reply.headers.getSetCookie()).toEqual([]);
  });

  it('answers 401 for an unknown user, indistinguishable from a wrong password', async () => {
    const reply = await new ApiClient(server.baseUrl).post<unknown>('/login', { username: 'ghost', password: 'nope' });
    expect(reply.status).toBe(401);
    expect(reply.body.error?.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 400 for missing or wrong-typed fields', async () => {
    const missing = await new ApiClient(server.baseUrl).post<unknown>('/login', { username: 'admin' });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.code).toBe('VALIDATION_FAILED');
    expect(missing.body.error?.details).toEqual(expect.arrayContaining([expect.stringContaining('password')]));
    const wrongType = await new ApiClient(server.baseUrl).post('/login', { username: 1, password: true });
    expect(wrongType.status).toBe(400);
  });

  it('ends the session on logout', async () => {
    const client = await new ApiClient(server.baseUrl).login();
    const token = client.token as string;
    expect((await client.get('/api/session/profile')).status).toBe(200);
    expect((await client.post('/logout')).status).toBe(200);
    const after = await new ApiClient(server.baseUrl).get('/api/session/profile', { authorization: `Bearer ${token}` });
    expect(after.status).toBe(401);
  });

  it('shows the profile, flagging the default password', async () => {
    const reply = await admin.get<UserProfile>('/api/session/profile');
    expect(reply.body.data).toMatchObject({ username: 'admin', role: 'admin', must_change_password: true });
  });

  it('lets an admin create, list and delete users, and refuses a taken name with 409', async () => {
    expect((await admin.post('/api/users', { username: 'carol', password: 'carol-pass' })).status).toBe(201);
    const taken = await admin.post<unknown>('/api/users', { username: 'carol', password: 'another-pass' });
    expect(taken.status).toBe(409);
    expect(taken.body.error?.code).toBe('USER_EXISTS');
    const list = await admin.get<UserProfile[]>('/api/users');
    expect(list.body.data.map((u) => u.username)).toEqual(['admin', 'carol']);
    expect(JSON.stringify(list.body)).not.toMatch(/hash|scrypt/);
    expect((await admin.request('DELETE', '/api/users/carol')).status).toBe(200);
    expect((await admin.request('DELETE', '/api/users/carol')).status).toBe(404);
  });

  it('forbids user management to non-admins with 403', async () => {
    await admin.post('/api/users', { username: 'dave', password: 'dave-pass' });
    const dave = await new ApiClient(server.baseUrl).login('dave', 'dave-pass');
    expect((await dave.get('/api/users')).status).toBe(403);
    expect((await dave.post('/api/users', { username: 'eve', password: 'eve-password' })).status).toBe(403);
    expect((await dave.request('DELETE', '/api/users/admin')).status).toBe(403);
  });

  it('validates new users', async () => {
    const reply = await admin.post<unknown>('/api/users', { username: '../etc', password: 'short' });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.details).toHaveLength(2);
  });

  it('lets a user change their own password, ending their other sessions', async () => {
    await admin.post('/api/users', { username: 'frank', password: 'frank-pass-1' });
    const one = await new ApiClient(server.baseUrl).login('frank', 'frank-pass-1');
    const two = await new ApiClient(server.baseUrl).login('frank', 'frank-pass-1');
    const wrong = await one.post('/api/session/password', { current_password: 'nope', new_password: 'frank-pass-2' });
    expect(wrong.status).toBe(401);
    const changed = await one.post('/api/session/password', {
      current_password: 'frank-pass-1',
      new_password: 'frank-pass-2',
    });
    expect(changed.status).toBe(200);
    expect((await one.get('/api/session/profile')).status).toBe(200);
    expect((await two.get('/api/session/profile')).status).toBe(401);
    expect(
      (await new ApiClient(server.baseUrl).post('/login', { username: 'frank', password: 'frank-pass-1' })).status,
    ).toBe(401);
    await new ApiClient(server.baseUrl).login('frank', 'frank-pass-2');
  });
});

import { ApiClient } from '../support/client';
import { collect, entries, openSse } from '../support/sse';
import { RunningServer, startServer } from '../support/server';

const TEN_SLOW_LINES =
  'setq(i, 1) while(smaller(i, 11)) { logPrint(concat("line ", i)) sleep(120) setq(i, add(i, 1)) }';

describe('resuming a log stream', () => {
  let server: RunningServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer();
    admin = await new ApiClient(server.baseUrl).login();
  });
  afterAll(() => server.stop());

  it('replays exactly the missing entries after Last-Event-ID, mid-stream', async () => {
    const id = await admin.startAsync(TEN_SLOW_LINES);
    const first = await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader });
    const before = await collect(first, (f) => f.event === 'message' && f.id === '4');
    first.close();
    const lastEventId = before.filter((f) => f.event === 'message').at(-1)?.id as string;
    expect(lastEventId).toBe('4');

    const second = await openSse(`${server.baseUrl}/api/logs/${id}`, {
      cookie: admin.cookieHeader,
      'last-event-id': lastEventId,
    });
    const after = await collect(second);
    const seen = [...entries(before), ...entries(after)].map((e) => e.seq);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(entries(after)[0].message).toBe('line 5');
    expect(after.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
  });

  it('resumes a fresh client with ?after= and ends with done for a finished execution', async () => {
    const id = await admin.startAsync(TEN_SLOW_LINES);
    await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    const frames = await collect(
      await openSse(`${server.baseUrl}/api/logs/${id}?after=7`, { cookie: admin.cookieHeader }),
    );
    expect(entries(frames).map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(frames.at(-1)?.event).toBe('done');
  });

  it('keeps the resume point on every non-entry frame so Last-Event-ID never skips entries', async () => {
    const id = await admin.startAsync(TEN_SLOW_LINES);
    await collect(await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }));
    const frames = await collect(
      await openSse(`${server.baseUrl}/api/logs/${id}?after=3`, { cookie: admin.cookieHeader }),
    );
    expect(frames[0]).toMatchObject({ event: 'status', id: '3' });
    expect(frames.at(-1)).toMatchObject({ event: 'done', id: '10' });
  });

  it('filters levels on the server with ?level=', async () => {
    const id = await admin.startAsync(
      'logPrint("d", "debug") logPrint("w", "warn") logPrint("e", "error") logPrint("i")',
    );
    const frames = await collect(
      await openSse(`${server.baseUrl}/api/logs/${id}?level=WARN,ERROR`, { cookie: admin.cookieHeader }),
    );
    expect(entries(frames).map((e) => [e.seq, e.level])).toEqual([
      [2, 'WARN'],
      [3, 'ERROR'],
    ]);
  });

  it('gives every one of several clients the full stream', async () => {
    const id = await admin.startAsync(TEN_SLOW_LINES);
    const clients = await Promise.all(
      [1, 2, 3].map(() => openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader })),
    );
    const results = await Promise.all(clients.map((c) => collect(c)));
    for (const frames of results) expect(entries(frames).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('rejects a malformed ?after= with 400 before streaming', async () => {
    const id = await admin.startAsync('1');
    const reply = await admin.get(`/api/logs/${id}?after=-3`);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ result: 'ERROR', error: { code: 'VALIDATION_FAILED' } });
  });
});

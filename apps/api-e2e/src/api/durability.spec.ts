import type { ExecutionDetail, LogEntry, LogPage } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { collect, dataOf, entries, openSse } from '../support/sse';
import { e2eDatabase, startServer } from '../support/server';
import { readSlowly, rssMb } from '../support/slow-reader';

const seqRange = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe(`durable, complete and bounded logs (${e2eDatabase})`, () => {
  jest.setTimeout(180_000);

  it('survives SIGKILL: the execution is interrupted, every received entry is stored, and a resume continues without gap or duplicate', async () => {
    const first = await startServer();
    const admin = await new ApiClient(first.baseUrl).login();
    const id = await admin.startAsync(
      'setq(i, 1) while(smaller(i, 100000)) { logPrint(concat("entry ", i)) sleep(5) setq(i, add(i, 1)) }',
    );
    const stream = await openSse(`${first.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader });
    const received = entries(await collect(stream, (f) => f.event === 'message' && Number(f.id) >= 120));
    expect(received.map((e) => e.seq)).toEqual(seqRange(received.length));
    await first.kill();

    const second = await startServer(first.env, first.dataDir);
    try {
      const client = await new ApiClient(second.baseUrl).login();
      const meta = await client.get<ExecutionDetail>(`/api/executions/${id}`);
      expect(meta.body.data).toMatchObject({ id, status: 'interrupted', error: { code: 'INTERRUPTED' } });
      const stored = meta.body.data.entry_count;
      expect(stored).toBeGreaterThanOrEqual(received.length);

      const page = await client.get<LogPage>(`/api/executions/${id}/logs?limit=10000`);
      const byseq = new Map(page.body.data.entries.map((e) => [e.seq, e.message]));
      for (const entry of received) expect(byseq.get(entry.seq)).toBe(entry.message);

      const last = received[received.length - 1].seq;
      const resumed = await collect(
        await openSse(`${second.baseUrl}/api/logs/${id}`, {
          cookie: client.cookieHeader,
          'last-event-id': String(last),
        }),
      );
      const rest = entries(resumed).map((e) => e.seq);
      expect([...received.map((e) => e.seq), ...rest]).toEqual(seqRange(stored));
      expect(resumed.at(-1)).toMatchObject({ event: 'done', data: { status: 'interrupted' } });
    } finally {
      await second.stop();
    }
  });

  it('delivers exactly 1..10,000 over a random schedule of disconnects and reconnects', async () => {
    const server = await startServer();
    try {
      const admin = await new ApiClient(server.baseUrl).login();
      const id = await admin.startAsync(
        'setq(i, 1) while(smaller(i, 10001)) { logPrint(i) if(equal(mod(i, 500), 0)) { sleep(20) } setq(i, add(i, 1)) }',
      );
      const seen: number[] = [];
      let lastId: string | undefined;
      let done = false;
      let reconnects = 0;
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      while (!done) {
        const budget = 1 + Math.floor(random() * 1500);
        const useHeader = random() < 0.5;
        const url = `${server.baseUrl}/api/logs/${id}${!useHeader && lastId ? `?after=${lastId}` : ''}`;
        const connection = await openSse(url, {
          cookie: admin.cookieHeader,
          ...(useHeader && lastId ? { 'last-event-id': lastId } : {}),
        });
        let taken = 0;
        for await (const frame of connection.frames) {
          if (frame.id) lastId = frame.id;
          if (frame.event === 'message') {
            seen.push(dataOf<LogEntry>(frame).seq);
            taken++;
          }
          if (frame.event === 'done') {
            done = true;
            break;
          }
          if (taken >= budget) break;
        }
        connection.close();
        reconnects++;
      }
      expect(reconnects).toBeGreaterThan(5);
      expect(seen.length).toBe(10_000);
      expect(seen).toEqual(seqRange(10_000));
    } finally {
      await server.stop();
    }
  });

  it('gives a slow reader all 100,000 entries while server memory stays bounded', async () => {
    const server = await startServer({ MAX_LOG_ENTRIES: '200000' });
    try {
      const admin = await new ApiClient(server.baseUrl).login();
      const pid = server.process.pid as number;
      const baseline = rssMb(pid);
      const id = await admin.startAsync(
        'setq(i, 1) while(smaller(i, 100001)) { logPrint(concat("a log line of moderate length, number ", i)) setq(i, add(i, 1)) }',
      );
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
      const slowPhaseMs = 8000;
      const started = Date.now();
      // 1 entry per 10 ms while the script writes everything, then as fast as the socket goes.
      const result = await readSlowly(`${server.baseUrl}/api/logs/${id}`, { cookie: admin.cookieHeader }, () =>
        Date.now() - started < slowPhaseMs ? 10 : 0,
      );
      clearInterval(sampler);
      const meta = await admin.get<ExecutionDetail>(`/api/executions/${id}`);
      expect(meta.body.data.status).toBe('succeeded');
      expect(result.doneStatus).toBe('succeeded');
      expect(result.seqs.length).toBe(100_000);
      expect(result.seqs).toEqual(seqRange(100_000));
      const growth = peak - baseline;
      console.log(
        `slow reader: server RSS ${baseline.toFixed(0)} MB -> peak ${peak.toFixed(0)} MB (growth ${growth.toFixed(0)} MB) for 100,000 entries`,
      );
      // The bound: the executor thread's heap plus one page per client; the log itself (about 8 MB as JSON) is never all in memory.
      expect(growth).toBeLessThan(250);
    } finally {
      await server.stop();
    }
  });
});

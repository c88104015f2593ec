import type { DoneEvent, LogEntry } from '@chariot/contract';
import net from 'node:net';
import { ApiClient } from '../support/client';
import { e2eDatabase } from '../support/server';
import { anonymousRssMb } from '../support/slow-reader';
import { collect, dataOf, entries, lastData, openSse } from '../support/sse';
import { useServer } from '../support/suite';

const seqRange = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** A small seeded generator (mulberry32), so a failing pattern of disconnects can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Reads a log to `done`, leaving after a random number of entries up to `maxLeaves` times and
 * coming back with Last-Event-ID, as a browser's EventSource does. Returns every seq received.
 */
async function readWithDisconnects(
  url: string,
  cookie: string,
  random: () => number,
  maxLeaves: number,
  total: number,
) {
  const seqs: number[] = [];
  let leaves = 0;
  let doneStatus: string | undefined;
  while (doneStatus === undefined) {
    const last = seqs.at(-1);
    const connection = await openSse(url, { cookie, ...(last ? { 'last-event-id': String(last) } : {}) });
    if (connection.status !== 200) throw new Error(`stream answered ${connection.status}`);
    const leaveAfter = leaves < maxLeaves ? 1 + Math.floor(random() * (total / 3)) : Infinity;
    let read = 0;
    for await (const frame of connection.frames) {
      if (frame.event === 'done') {
        doneStatus = dataOf<DoneEvent>(frame).status;
        break;
      }
      if (frame.event !== 'message') continue;
      seqs.push(dataOf<LogEntry>(frame).seq);
      if (++read >= leaveAfter) break;
    }
    connection.close();
    if (doneStatus === undefined) leaves++;
  }
  return { seqs, doneStatus, leaves };
}

describe(`log delivery from the shared tail (${e2eDatabase})`, () => {
  // A small tail, so readers that come back are served from storage, from the tail, and across both.
  const suite = useServer({ LOG_TAIL_ENTRIES: '500', MAX_LOG_ENTRIES: '50000', MAX_STREAMS_PER_EXECUTION: '200' });

  it('gives 50 concurrent readers of a fast-logging execution, leaving and resuming at random, exactly 1..N each', async () => {
    const total = 20_000;
    // Bursts of 1,000 lines with a short rest between them: readers come back while it is still writing.
    const id = await suite.admin.startAsync(
      `setq(i, 0) while(smaller(i, ${total})) { setq(i, add(i, 1)) logPrint(concat("entry ", i)) if(equal(mod(i, 1000), 0)) { sleep(20) } }`,
    );
    const random = seededRandom(9);
    const url = `${suite.server.baseUrl}/api/logs/${id}`;
    const readers = await Promise.all(
      Array.from({ length: 50 }, () =>
        readWithDisconnects(url, suite.admin.cookieHeader, seededRandom(Math.floor(random() * 2 ** 31)), 3, total),
      ),
    );
    const leaves = readers.reduce((sum, r) => sum + r.leaves, 0);
    console.log(`50 readers left and resumed ${leaves} times in all`);
    expect(leaves).toBeGreaterThan(50);
    for (const reader of readers) {
      expect(reader.doneStatus).toBe('succeeded');
      expect(reader.seqs.length).toBe(total);
      expect(reader.seqs).toEqual(seqRange(total));
    }
  });
});

describe(`a reader that never reads (${e2eDatabase})`, () => {
  const suite = useServer({ MAX_LOG_ENTRIES: '200000', MAX_LOG_BYTES: String(1024 * 1024 * 1024) });

  it('does not hold back other readers, and the server keeps no more than a bounded share of the log for it', async () => {
    const lines = 60_000;
    const lineChars = 2_000;
    const logMb = (lines * lineChars) / 1024 / 1024;
    const pid = suite.server.process.pid as number;
    const baseline = anonymousRssMb(pid);
    // Both readers attach while it writes; the one that never reads is stuck within its first writes.
    const id = await suite.admin.startAsync(
      `setq(pad, repeat("x", ${lineChars})) setq(i, 0) while(smaller(i, ${lines})) { setq(i, add(i, 1)) logPrint(concat(i, " ", pad)) }`,
    );
    const stuck = await openNeverReading(suite.server.baseUrl, `/api/logs/${id}`, suite.admin.cookieHeader);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, anonymousRssMb(pid))), 50);
    try {
      const reader = await openSse(`${suite.server.baseUrl}/api/logs/${id}`, { cookie: suite.admin.cookieHeader });
      const frames = await collect(reader);
      expect(lastData<DoneEvent>(frames)?.status).toBe('succeeded');
      expect(entries(frames).map((e) => e.seq)).toEqual(seqRange(lines));
      // The server still answers everyone while the stuck stream stays open.
      expect((await new ApiClient(suite.server.baseUrl).get('/api/health')).status).toBe(200);
      expect(stuck.destroyed).toBe(false);
      // What the server holds for the stuck client: its last write — tail frames of at most 256 KiB
      // or one stored batch, or one catch-up page of 500 entries (1–2 MB of these 2 KB lines) — never the log.
      const metrics = await suite.admin.get('/api/metrics');
      const buffered = Number(/^chariot_sse_buffered_bytes (\d+)$/m.exec(metrics.text)?.[1]);
      console.log(`never-reading client: ${(buffered / 1024).toFixed(0)} KiB waiting on its connection in the server`);
      expect(buffered).toBeGreaterThan(0);
      expect(buffered).toBeLessThan(4 * 1024 * 1024);
    } finally {
      clearInterval(sampler);
      stuck.destroy();
    }
    const growth = peak - baseline;
    console.log(
      `never-reading client: server RSS ${baseline.toFixed(0)} MB -> peak ${peak.toFixed(0)} MB (growth ${growth.toFixed(0)} MB) while ${logMb.toFixed(0)} MB of log went by`,
    );
    // The stated bound: what a flood like this takes with no stuck client at all (about 250 MB here:
    // the executor's heap and the batches in flight, measured) and one write for the stuck one.
    expect(growth).toBeLessThan(400);
  });
});

/** Sends the request for an SSE stream on a raw socket and never reads what comes back. */
function openNeverReading(base: string, path: string, cookie: string): Promise<net.Socket> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\naccept: text/event-stream\r\ncookie: ${cookie}\r\n\r\n`,
      );
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

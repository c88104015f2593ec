import { TestBed } from '@angular/core/testing';
import { LogStreamEvent, LogStreamService, STREAM_FETCH, STREAM_MAX_RETRIES, STREAM_YIELD } from './log-stream.service';

/** A response body the test writes to, chunk by chunk, and may end or break. */
class FakeBody {
  private chunks: Uint8Array[] = [];
  private waiting: ((result: ReadableStreamReadResult<Uint8Array>) => void) | null = null;
  private failing: ((error: Error) => void) | null = null;
  private ended = false;
  cancelled = false;

  write(text: string): void {
    const chunk = new TextEncoder().encode(text);
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failing = null;
      resolve({ value: chunk, done: false });
    } else {
      this.chunks.push(chunk);
    }
  }

  end(): void {
    this.ended = true;
    this.waiting?.({ value: undefined, done: true });
  }

  drop(): void {
    this.failing?.(new TypeError('network error'));
  }

  getReader() {
    return {
      read: (): Promise<ReadableStreamReadResult<Uint8Array>> => {
        const chunk = this.chunks.shift();
        if (chunk) return Promise.resolve({ value: chunk, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failing = reject;
        });
      },
      cancel: () => {
        this.cancelled = true;
        return Promise.resolve();
      },
    };
  }
}

interface Request {
  url: string;
  init: RequestInit;
  body: FakeBody;
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

const frame = (data: unknown, event?: string, id?: number) =>
  `${event ? `event: ${event}\n` : ''}${id !== undefined ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

describe('LogStreamService', () => {
  let service: LogStreamService;
  let requests: Request[];
  let answer: (url: string) => { ok: boolean; status: number } | 'unreachable';
  let yields: number;

  beforeEach(() => {
    requests = [];
    yields = 0;
    answer = () => ({ ok: true, status: 200 });
    TestBed.configureTestingModule({
      providers: [
        {
          provide: STREAM_FETCH,
          useValue: (url: string, init: RequestInit) => {
            const reply = answer(url);
            if (reply === 'unreachable') return Promise.reject(new TypeError('Failed to fetch'));
            const body = new FakeBody();
            requests.push({ url, init, body });
            return Promise.resolve({ ...reply, body } as unknown as Response);
          },
        },
        { provide: STREAM_YIELD, useValue: () => (yields++, Promise.resolve()) },
      ],
    });
    service = TestBed.inject(LogStreamService);
  });

  const entry = (seq: number, message = `m${seq}`) => ({
    seq,
    timestamp: '2026-01-01T00:00:00.000Z',
    level: 'INFO' as const,
    message,
  });

  it('opens GET /api/logs/:id with the cookie and emits logs, status and progress in order', async () => {
    const events: LogStreamEvent[] = [];
    service.stream('abc/1').subscribe((e) => events.push(e));
    await settle();
    expect(requests[0].url).toBe('/api/logs/abc%2F1');
    expect(requests[0].init.credentials).toBe('include');

    requests[0].body.write(frame({ status: 'running' }, 'status') + frame(entry(1), undefined, 1));
    requests[0].body.write(frame({ percent: 50, message: 'half' }, 'progress', 1));
    await settle();

    expect(events).toEqual([
      { type: 'open' },
      { type: 'status', status: 'running' },
      { type: 'log', entry: entry(1) },
      { type: 'progress', progress: { percent: 50, message: 'half' } },
    ]);
  });

  it('emits the pauses and resumptions of a debugged run', async () => {
    const events: LogStreamEvent[] = [];
    service.stream('d').subscribe((e) => events.push(e));
    await settle();
    const paused = {
      line: 3,
      column: 5,
      depth: 1,
      variables: [{ name: 'n', type: 'N', value: '2', truncated: false, scope: 'local' }],
    };
    requests[0].body.write(frame(paused, 'paused') + frame({ action: 'step' }, 'resumed'));
    await settle();
    expect(events.slice(1)).toEqual([
      { type: 'paused', paused },
      { type: 'resumed', resumed: { action: 'step' } },
    ]);
  });

  it('completes after done and lets the response go, so nothing reconnects', async () => {
    const events: LogStreamEvent[] = [];
    let completed = false;
    service.stream('x').subscribe({ next: (e) => events.push(e), complete: () => (completed = true) });
    await settle();
    requests[0].body.write(frame({ status: 'succeeded', result: 3 }, 'done'));
    await settle();

    expect(completed).toBe(true);
    expect(events).toEqual([{ type: 'open' }, { type: 'done', done: { status: 'succeeded', result: 3 } }]);
    expect(requests[0].body.cancelled).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('aborts the request on unsubscribe', async () => {
    const subscription = service.stream('x').subscribe();
    await settle();
    subscription.unsubscribe();
    expect((requests[0].init.signal as AbortSignal).aborted).toBe(true);
  });

  it('reports a dropped connection as reconnecting and resumes after the last entry delivered', async () => {
    jest.useFakeTimers();
    try {
      const events: LogStreamEvent[] = [];
      service.stream('x').subscribe((e) => events.push(e));
      await settle();
      requests[0].body.write('retry: 300\n' + frame(entry(1), undefined, 1) + frame(entry(2), undefined, 2));
      await settle();
      requests[0].body.drop();
      await settle();
      expect(events.at(-1)).toEqual({ type: 'reconnecting' });

      jest.advanceTimersByTime(300);
      await settle();
      expect(requests[1].url).toBe('/api/logs/x?after=2');
      requests[1].body.write(frame(entry(2), undefined, 2) + frame(entry(3), undefined, 3));
      await settle();
      expect(events.filter((e) => e.type === 'log').map((e) => e.type === 'log' && e.entry.seq)).toEqual([1, 2, 3]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('errors when the server refuses the stream (e.g. 401 or 404)', async () => {
    answer = () => ({ ok: false, status: 404 });
    let error: unknown;
    service.stream('x').subscribe({
      error: (e: unknown) => {
        error = e;
      },
    });
    await settle();
    expect((error as Error).name).toBe('LogStreamError');
    expect((error as Error).message).toContain('404');
  });

  it(`errors after ${STREAM_MAX_RETRIES} failed attempts in a row to reach the server`, async () => {
    jest.useFakeTimers();
    try {
      answer = () => 'unreachable';
      let error: unknown;
      service.stream('x').subscribe({
        error: (e: unknown) => {
          error = e;
        },
      });
      for (let i = 0; i <= STREAM_MAX_RETRIES; i++) {
        await settle();
        jest.advanceTimersByTime(1000);
      }
      await settle();
      expect((error as Error).name).toBe('LogStreamError');
    } finally {
      jest.useRealTimers();
    }
  });

  it('drops entries it has already delivered', async () => {
    const seqs: number[] = [];
    service.stream('x', { after: 5 }).subscribe((e) => e.type === 'log' && seqs.push(e.entry.seq));
    await settle();
    expect(requests[0].url).toBe('/api/logs/x?after=5');
    requests[0].body.write([5, 6, 6, 7].map((seq) => frame(entry(seq), undefined, seq)).join(''));
    await settle();
    expect(seqs).toEqual([6, 7]);
  });

  it('fails on a malformed frame', async () => {
    let error: unknown;
    service.stream('x').subscribe({
      error: (e: unknown) => {
        error = e;
      },
    });
    await settle();
    requests[0].body.write('data: {not json\n\n');
    await settle();
    expect((error as Error).message).toContain('Malformed');
  });

  it('gives the main thread back between slices of a long burst, and delivers every entry in order', async () => {
    const perf = jest.spyOn(performance, 'now');
    let clock = 0;
    perf.mockImplementation(() => (clock += 1)); // every frame costs 1 ms
    try {
      const seqs: number[] = [];
      service.stream('x').subscribe((e) => e.type === 'log' && seqs.push(e.entry.seq));
      await settle();
      const burst = Array.from({ length: 100 }, (_, i) => frame(entry(i + 1), undefined, i + 1)).join('');
      requests[0].body.write(burst);
      for (let i = 0; i < 50; i++) await settle();
      expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(yields).toBeGreaterThanOrEqual(10);
    } finally {
      perf.mockRestore();
    }
  });

  it('keeps log text exactly as sent (no HTML interpretation here)', async () => {
    const messages: string[] = [];
    service.stream('x').subscribe((e) => e.type === 'log' && messages.push(e.entry.message));
    await settle();
    requests[0].body.write(frame(entry(1, '<img src=x onerror=alert(1)>')));
    await settle();
    expect(messages).toEqual(['<img src=x onerror=alert(1)>']);
  });
});

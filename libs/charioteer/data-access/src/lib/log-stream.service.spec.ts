import { TestBed } from '@angular/core/testing';
import { EVENT_SOURCE_FACTORY, EventSourceLike, LogStreamEvent, LogStreamService } from './log-stream.service';

class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data?: unknown): void {
    const event = new MessageEvent<string>(type, { data: data === undefined ? '' : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  emitRaw(type: string, data: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent<string>(type, { data }));
  }
}

describe('LogStreamService', () => {
  let service: LogStreamService;

  beforeEach(() => {
    FakeEventSource.instances = [];
    TestBed.configureTestingModule({
      providers: [{ provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) }],
    });
    service = TestBed.inject(LogStreamService);
  });

  const entry = (seq: number, message = `m${seq}`) => ({
    seq,
    timestamp: '2026-01-01T00:00:00.000Z',
    level: 'INFO' as const,
    message,
  });

  it('opens GET /api/logs/:id and emits logs, status and progress in order', () => {
    const events: LogStreamEvent[] = [];
    service.stream('abc/1').subscribe((e) => events.push(e));
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/api/logs/abc%2F1');

    source.emit('open');
    source.emit('status', { status: 'running' });
    source.emit('message', entry(1));
    source.emit('progress', { percent: 50, message: 'half' });

    expect(events).toEqual([
      { type: 'open' },
      { type: 'status', status: 'running' },
      { type: 'log', entry: entry(1) },
      { type: 'progress', progress: { percent: 50, message: 'half' } },
    ]);
  });

  it('emits the pauses and resumptions of a debugged run', () => {
    const events: LogStreamEvent[] = [];
    service.stream('d').subscribe((e) => events.push(e));
    const source = FakeEventSource.instances[0];
    const paused = { line: 3, column: 5, depth: 1, variables: [{ name: 'n', type: 'N', value: '2', truncated: false, scope: 'local' }] };
    source.emit('paused', paused);
    source.emit('resumed', { action: 'step' });
    expect(events).toEqual([
      { type: 'paused', paused },
      { type: 'resumed', resumed: { action: 'step' } },
    ]);
  });

  it('closes the EventSource and completes after done, so the browser does not reconnect', () => {
    const events: LogStreamEvent[] = [];
    let completed = false;
    service.stream('x').subscribe({ next: (e) => events.push(e), complete: () => (completed = true) });
    const source = FakeEventSource.instances[0];

    source.emit('done', { status: 'succeeded', result: 3 });

    expect(source.closed).toBe(true);
    expect(completed).toBe(true);
    expect(events).toEqual([{ type: 'done', done: { status: 'succeeded', result: 3 } }]);
  });

  it('closes the EventSource on unsubscribe', () => {
    const subscription = service.stream('x').subscribe();
    subscription.unsubscribe();
    expect(FakeEventSource.instances[0].closed).toBe(true);
  });

  it('reports a dropped connection as reconnecting while the browser retries', () => {
    const events: LogStreamEvent[] = [];
    service.stream('x').subscribe((e) => events.push(e));
    const source = FakeEventSource.instances[0];
    source.readyState = 0;
    source.emit('error');
    expect(events).toEqual([{ type: 'reconnecting' }]);
    expect(source.closed).toBe(false);
  });

  it('errors when the EventSource is CLOSED (e.g. 401 or 404)', () => {
    let error: unknown;
    service.stream('x').subscribe({ error: (e) => (error = e) });
    const source = FakeEventSource.instances[0];
    source.readyState = 2;
    source.emit('error');
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('LogStreamError');
  });

  it('drops entries it has already delivered (replay after reconnect)', () => {
    const seqs: number[] = [];
    service.stream('x').subscribe((e) => e.type === 'log' && seqs.push(e.entry.seq));
    const source = FakeEventSource.instances[0];
    [1, 2, 2, 1, 3].forEach((seq) => source.emit('message', entry(seq)));
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('resumes after a sequence number with ?after=', () => {
    const seqs: number[] = [];
    service.stream('x', { after: 5 }).subscribe((e) => e.type === 'log' && seqs.push(e.entry.seq));
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/api/logs/x?after=5');
    [5, 6].forEach((seq) => source.emit('message', entry(seq)));
    expect(seqs).toEqual([6]);
  });

  it('fails on a malformed frame and closes the source', () => {
    let error: unknown;
    service.stream('x').subscribe({ error: (e) => (error = e) });
    const source = FakeEventSource.instances[0];
    source.emitRaw('message', '{not json');
    expect((error as Error).message).toContain('Malformed');
    expect(source.closed).toBe(true);
  });

  it('keeps log text exactly as sent (no HTML interpretation here)', () => {
    const messages: string[] = [];
    service.stream('x').subscribe((e) => e.type === 'log' && messages.push(e.entry.message));
    FakeEventSource.instances[0].emit('message', entry(1, '<img src=x onerror=alert(1)>'));
    expect(messages).toEqual(['<img src=x onerror=alert(1)>']);
  });
});

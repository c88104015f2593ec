import { inject, Injectable, InjectionToken } from '@angular/core';
import {
  SSE_EVENTS,
  type DoneEvent,
  type ExecutionStatus,
  type LogEntry,
  type PausedEvent,
  type ProgressEvent as ExecutionProgress,
  type ResumedEvent,
  type StatusEvent,
} from '@chariot/contract';
import { Observable } from 'rxjs';
import { API_BASE_URL } from './api';

/** The part of the browser's EventSource the stream uses (so tests can fake it). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

/** Creates EventSources; same-origin requests carry the session cookie. */
export const EVENT_SOURCE_FACTORY = new InjectionToken<EventSourceFactory>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url, { withCredentials: true }),
});

/** EventSource.CLOSED, spelled out so fakes need not define it. */
const CLOSED = 2;

export type LogStreamEvent =
  /** The connection is (re)established. */
  | { type: 'open' }
  /** The connection dropped; the browser reconnects with Last-Event-ID by itself. */
  | { type: 'reconnecting' }
  | { type: 'log'; entry: LogEntry }
  | { type: 'status'; status: ExecutionStatus }
  | { type: 'progress'; progress: ExecutionProgress }
  /** A debugged run stopped before a statement (also sent on connect while it is paused). */
  | { type: 'paused'; paused: PausedEvent }
  | { type: 'resumed'; resumed: ResumedEvent }
  /** The last event: the stream completes right after it. */
  | { type: 'done'; done: DoneEvent };

export class LogStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogStreamError';
  }
}

export interface LogStreamOptions {
  /** Resume after this sequence number (`?after=`), e.g. when reopening a run. */
  after?: number;
}

/**
 * GET /api/logs/:id as an Observable. The EventSource is closed when the stream ends
 * (`done`), fails (readyState CLOSED) or is unsubscribed — never left to auto-reconnect.
 */
@Injectable({ providedIn: 'root' })
export class LogStreamService {
  private readonly createSource = inject(EVENT_SOURCE_FACTORY);
  private readonly base = inject(API_BASE_URL);

  stream(executionId: string, options: LogStreamOptions = {}): Observable<LogStreamEvent> {
    return new Observable<LogStreamEvent>((subscriber) => {
      const query = options.after ? `?after=${options.after}` : '';
      const source = this.createSource(`${this.base}/api/logs/${encodeURIComponent(executionId)}${query}`);
      // Entries at or below this were delivered already: a resumed stream never repeats one.
      let lastSeq = options.after ?? 0;

      const fail = (message: string): void => {
        source.close();
        subscriber.error(new LogStreamError(message));
      };
      const parse = <T>(event: MessageEvent<string>): T | undefined => {
        try {
          return JSON.parse(event.data) as T;
        } catch {
          fail(`Malformed ${event.type} frame from the log stream`);
          return undefined;
        }
      };

      source.addEventListener('open', () => subscriber.next({ type: 'open' }));
      source.addEventListener('message', (event) => {
        const entry = parse<LogEntry>(event);
        if (entry && entry.seq > lastSeq) {
          lastSeq = entry.seq;
          subscriber.next({ type: 'log', entry });
        }
      });
      source.addEventListener(SSE_EVENTS.status, (event) => {
        const status = parse<StatusEvent>(event);
        if (status) subscriber.next({ type: 'status', status: status.status });
      });
      source.addEventListener(SSE_EVENTS.progress, (event) => {
        const progress = parse<ExecutionProgress>(event);
        if (progress) subscriber.next({ type: 'progress', progress });
      });
      source.addEventListener(SSE_EVENTS.paused, (event) => {
        const paused = parse<PausedEvent>(event);
        if (paused) subscriber.next({ type: 'paused', paused });
      });
      source.addEventListener(SSE_EVENTS.resumed, (event) => {
        const resumed = parse<ResumedEvent>(event);
        if (resumed) subscriber.next({ type: 'resumed', resumed });
      });
      source.addEventListener(SSE_EVENTS.done, (event) => {
        const done = parse<DoneEvent>(event);
        if (!done) return;
        source.close();
        subscriber.next({ type: 'done', done });
        subscriber.complete();
      });
      source.addEventListener('error', () => {
        if (source.readyState === CLOSED) {
          fail('The log stream was closed by the server');
        } else {
          subscriber.next({ type: 'reconnecting' });
        }
      });

      return () => source.close();
    });
  }
}

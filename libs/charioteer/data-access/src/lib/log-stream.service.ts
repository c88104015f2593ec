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
import { SseFrame, SseParser } from '@chariot/charioteer-util';
import { Observable } from 'rxjs';
import { API_BASE_URL } from './api';

/** The part of `fetch` the stream uses (so tests can fake the network). */
export type StreamFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Fetches the stream; same-origin requests carry the session cookie. */
export const STREAM_FETCH = new InjectionToken<StreamFetch>('STREAM_FETCH', {
  providedIn: 'root',
  factory: () => (url: string, init: RequestInit) => fetch(url, init),
});

/** Hands the main thread back to the browser (input, rendering) and resolves soon after. */
export type YieldToBrowser = () => Promise<void>;

/** A MessageChannel task: no timer clamping, and the browser may render or handle input first. */
export const STREAM_YIELD = new InjectionToken<YieldToBrowser>('STREAM_YIELD', {
  providedIn: 'root',
  factory: () => () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    }),
});

/** Longest run of frames handed out before the main thread is given back (ms); a long task is 50. */
export const STREAM_SLICE_MS = 8;
/** Reconnection delay until the server's `retry:` hint says otherwise (ms). */
const DEFAULT_RETRY_MS = 1000;
/** Failed connection attempts in a row before the stream gives up (the caller may resume). */
export const STREAM_MAX_RETRIES = 10;

export type LogStreamEvent =
  /** The connection is (re)established. */
  | { type: 'open' }
  /** The connection dropped; the stream reconnects by itself from the last entry delivered. */
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

/** Thrown inside the reading loop to end the stream with an error. */
class StreamFailed extends Error {}

/**
 * GET /api/logs/:id as an Observable, read with fetch rather than an EventSource: frames are
 * parsed in JavaScript and handed out in slices of at most `STREAM_SLICE_MS`, the main thread
 * given back between slices, so a script that logs as fast as it can never freezes the page
 * (an EventSource dispatches a DOM event per frame, as fast as the network fills it). Like an
 * EventSource it reconnects after a drop, from the last entry delivered (`?after=`), waiting
 * the server's `retry:` hint; a refusal (401, 404…) or too many failed attempts end it with a
 * LogStreamError. It ends after `done`, and unsubscribing aborts the request.
 */
@Injectable({ providedIn: 'root' })
export class LogStreamService {
  private readonly fetch = inject(STREAM_FETCH);
  private readonly yieldToBrowser = inject(STREAM_YIELD);
  private readonly base = inject(API_BASE_URL);

  stream(executionId: string, options: LogStreamOptions = {}): Observable<LogStreamEvent> {
    return new Observable<LogStreamEvent>((subscriber) => {
      const abort = new AbortController();
      // Entries at or below this were delivered already: a resumed stream never repeats one.
      let lastSeq = options.after ?? 0;
      let retryMs = DEFAULT_RETRY_MS;
      const url = () => `${this.base}/api/logs/${encodeURIComponent(executionId)}${lastSeq ? `?after=${lastSeq}` : ''}`;

      const parse = <T>(frame: SseFrame): T => {
        try {
          return JSON.parse(frame.data) as T;
        } catch {
          throw new StreamFailed(`Malformed ${frame.event} frame from the log stream`);
        }
      };

      /** Hands one frame on; true once it was `done`. */
      const deliver = (frame: SseFrame): boolean => {
        if (frame.retry !== undefined) retryMs = frame.retry;
        switch (frame.event) {
          case 'message': {
            const entry = parse<LogEntry>(frame);
            if (entry.seq > lastSeq) {
              lastSeq = entry.seq;
              subscriber.next({ type: 'log', entry });
            }
            return false;
          }
          case SSE_EVENTS.status:
            subscriber.next({ type: 'status', status: parse<StatusEvent>(frame).status });
            return false;
          case SSE_EVENTS.progress:
            subscriber.next({ type: 'progress', progress: parse<ExecutionProgress>(frame) });
            return false;
          case SSE_EVENTS.paused:
            subscriber.next({ type: 'paused', paused: parse<PausedEvent>(frame) });
            return false;
          case SSE_EVENTS.resumed:
            subscriber.next({ type: 'resumed', resumed: parse<ResumedEvent>(frame) });
            return false;
          case SSE_EVENTS.done:
            subscriber.next({ type: 'done', done: parse<DoneEvent>(frame) });
            subscriber.complete();
            return true;
          default:
            return false;
        }
      };

      /** Reads one response to its end; true once `done` was delivered (or the caller left). */
      const read = async (body: ReadableStream<Uint8Array>): Promise<boolean> => {
        const reader = body.getReader();
        const decoder = new TextDecoder();
        const parser = new SseParser();
        // Chunks already received resolve `read()` without a task in between: only an explicit
        // yield gives the browser its turn, so the slice's clock runs across chunks.
        let sliceStart = performance.now();
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done || subscriber.closed) return subscriber.closed;
            for (const frame of parser.push(decoder.decode(value, { stream: true }))) {
              if (subscriber.closed || deliver(frame)) return true;
              if (performance.now() - sliceStart > STREAM_SLICE_MS) {
                await this.yieldToBrowser();
                sliceStart = performance.now();
              }
            }
          }
        } catch (error) {
          if (error instanceof StreamFailed) throw error;
          return subscriber.closed; // the connection dropped
        } finally {
          reader.cancel().catch(() => undefined);
        }
      };

      const run = async (): Promise<void> => {
        for (let failures = 0; !subscriber.closed; ) {
          let response: Response | null = null;
          try {
            response = await this.fetch(url(), {
              credentials: 'include',
              cache: 'no-store',
              headers: { Accept: 'text/event-stream' },
              signal: abort.signal,
            });
          } catch {
            // unreachable: retried below
          }
          if (subscriber.closed) return;
          if (response && (!response.ok || !response.body)) {
            throw new StreamFailed(`The log stream was refused by the server (HTTP ${response.status})`);
          }
          if (response?.body) {
            failures = 0;
            subscriber.next({ type: 'open' });
            if (await read(response.body)) return;
          } else if (++failures > STREAM_MAX_RETRIES) {
            throw new StreamFailed('The log stream could not be reached');
          }
          subscriber.next({ type: 'reconnecting' });
          await new Promise((resolve) => setTimeout(resolve, retryMs));
        }
      };

      run().catch((error: unknown) => {
        if (!subscriber.closed)
          subscriber.error(new LogStreamError(error instanceof Error ? error.message : String(error)));
      });
      return () => abort.abort();
    });
  }
}

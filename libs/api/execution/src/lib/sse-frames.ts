import type { MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { SSE_EVENTS } from '@chariot/contract';
import type { StreamEvent } from './stream-event';

/** Reconnect delay suggested to EventSource clients. */
export const RETRY_MS = 2000;

/**
 * One SSE frame per stream event. Log entries carry their sequence number as `id:`; every
 * other frame repeats the last entry's number, because Nest would otherwise number id-less
 * frames itself and a client's Last-Event-ID would stop meaning "entries seen".
 */
export function toFrame(event: StreamEvent, first: boolean): MessageEvent {
  const retry = first ? { retry: RETRY_MS } : {};
  switch (event.kind) {
    case 'entry':
      return { id: String(event.entry.seq), data: event.entry, ...retry };
    case 'status':
      return { type: SSE_EVENTS.status, id: String(event.lastSeq), data: { status: event.status }, ...retry };
    case 'progress':
      return { type: SSE_EVENTS.progress, id: String(event.lastSeq), data: event.progress, ...retry };
    case 'paused':
      return { type: SSE_EVENTS.paused, id: String(event.lastSeq), data: event.paused, ...retry };
    case 'resumed':
      return { type: SSE_EVENTS.resumed, id: String(event.lastSeq), data: event.resumed, ...retry };
    case 'done':
      return { type: SSE_EVENTS.done, id: String(event.lastSeq), data: event.done, ...retry };
  }
}

/**
 * The frames of a stream with a `:` heartbeat comment every `heartbeatMs`, so proxies keep the
 * connection open and a vanished client is noticed; completes right after `done`.
 */
export function withHeartbeat(events: Observable<StreamEvent>, heartbeatMs: number): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    let first = true;
    const subscription = events.subscribe({
      next: (event) => {
        subscriber.next(toFrame(event, first));
        first = false;
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    const timer = setInterval(() => subscriber.next({ comment: 'heartbeat' }), heartbeatMs);
    return () => {
      clearInterval(timer);
      subscription.unsubscribe();
    };
  });
}

import type { DoneEvent, ExecutionStatus, PausedEvent, ProgressEvent, ResumedEvent } from '@chariot/contract';
import { SSE_EVENTS } from '@chariot/contract';

/** Reconnect delay suggested to EventSource clients, sent with the first frame. */
export const RETRY_MS = 2000;

/** Headers of a log stream: no caching, no proxy buffering, no compression (text/event-stream). */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

export const HEARTBEAT_FRAME = ': heartbeat\n\n';

/** What a lifecycle frame carries, by its `event:` name. */
interface LifecycleData {
  status: { status: ExecutionStatus };
  progress: ProgressEvent;
  paused: PausedEvent;
  resumed: ResumedEvent;
  done: DoneEvent;
}

/**
 * A frame other than an entry. It repeats the last entry's sequence number as `id:`, so a
 * client's Last-Event-ID always means "entries seen"; the first frame of a stream carries `retry:`.
 */
export function lifecycleFrame<K extends keyof LifecycleData>(
  event: K,
  data: LifecycleData[K],
  lastSeq: number,
  first = false,
): string {
  return `event: ${SSE_EVENTS[event]}\nid: ${lastSeq}\n${first ? `retry: ${RETRY_MS}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

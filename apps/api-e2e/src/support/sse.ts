import type { DoneEvent, LogEntry } from '@chariot/contract';
import { createParser, EventSourceMessage } from 'eventsource-parser';

/** One frame: `data` is the parsed JSON (the raw text when it was not JSON); read it with dataOf(). */
export interface SseFrame<D = unknown> {
  id?: string;
  event: string;
  data: D;
}

export interface SseConnection {
  status: number;
  headers: Headers;
  /** Frames as they arrive; ends when the server closes the stream or `close()` is called. */
  frames: AsyncGenerator<SseFrame>;
  /** Raw text received, including comments, for asserting on the wire format. */
  raw: () => string;
  close(): void;
}

/** Opens an SSE stream with fetch and parses it with a real SSE parser. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  let raw = '';
  const queue: SseFrame[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      let data: unknown = message.data;
      try {
        data = JSON.parse(message.data);
      } catch {
        /* keep text */
      }
      queue.push({ id: message.id, event: message.event ?? 'message', data });
      wake?.();
    },
  });
  const pump = (async () => {
    if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream')) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        raw += text;
        parser.feed(text);
      }
    } catch {
      /* aborted */
    }
  })().finally(() => {
    ended = true;
    wake?.();
  });
  async function* frames(): AsyncGenerator<SseFrame> {
    while (true) {
      if (queue.length) {
        yield queue.shift() as SseFrame;
        continue;
      }
      if (ended) return;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
  }
  void pump;
  return {
    status: response.status,
    headers: response.headers,
    frames: frames(),
    raw: () => raw,
    close: () => controller.abort(),
  };
}

/** Reads frames until `done` (inclusive) or until `stopAfter` returns true. */
export async function collect(
  connection: SseConnection,
  stopAfter?: (frame: SseFrame) => boolean,
): Promise<SseFrame[]> {
  const got: SseFrame[] = [];
  for await (const frame of connection.frames) {
    got.push(frame);
    if (frame.event === 'done' || stopAfter?.(frame)) break;
  }
  return got;
}

/**
 * Frames up to `done` or the first one `stop` accepts (inclusive). Unlike collect() it leaves
 * the stream open for the next call (a broken for-await would close it).
 */
export async function readUntil(
  connection: SseConnection,
  stop: (frame: SseFrame) => boolean = () => false,
): Promise<SseFrame[]> {
  const got: SseFrame[] = [];
  for (;;) {
    const next = await connection.frames.next();
    if (next.done) return got;
    got.push(next.value);
    if (next.value.event === 'done' || stop(next.value)) return got;
  }
}

/** A frame's data as the shape the spec expects for that event. */
export const dataOf = <T>(frame: SseFrame<unknown>): T => frame.data as T;

/** The log entries (`message` frames) among `frames`. */
export const entries = (frames: SseFrame<unknown>[]): LogEntry[] =>
  frames.filter((f) => f.event === 'message').map((f) => dataOf<LogEntry>(f));

/** The data of the first `event` frame among `frames` (undefined when there is none). */
export const eventData = <T>(frames: SseFrame<unknown>[], event: string): T | undefined => {
  const frame = frames.find((f) => f.event === event);
  return frame && dataOf<T>(frame);
};

/** The data of the last of `frames` (undefined when there are none), e.g. the `done` that collect() stops at. */
export const lastData = <T>(frames: SseFrame<unknown>[]): T | undefined => {
  const frame = frames.at(-1);
  return frame && dataOf<T>(frame);
};

/** The `done` frame's data (undefined when the stream ended without one). */
export const doneOf = (frames: SseFrame<unknown>[]): DoneEvent | undefined => eventData<DoneEvent>(frames, 'done');

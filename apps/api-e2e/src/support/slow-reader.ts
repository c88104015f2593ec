import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createParser } from 'eventsource-parser';

export interface SlowReadResult {
  seqs: number[];
  doneStatus: string | undefined;
}

/**
 * Reads an SSE stream over a raw socket that it pauses between entries, so TCP backpressure
 * reaches the server exactly as with a slow client. `delayFor(count)` says how long to pause
 * after `count` entries have been read.
 */
export function readSlowly(
  url: string,
  headers: Record<string, string>,
  delayFor: (count: number) => number,
  onProgress?: (count: number) => void,
): Promise<SlowReadResult> {
  return new Promise((resolve, reject) => {
    const seqs: number[] = [];
    let doneStatus: string | undefined;
    const parser = createParser({
      onEvent(message) {
        if (message.event === 'done') doneStatus = (JSON.parse(message.data) as { status: string }).status;
        else if (!message.event || message.event === 'message')
          seqs.push((JSON.parse(message.data) as { seq: number }).seq);
      },
    });
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const before = seqs.length;
        parser.feed(chunk);
        onProgress?.(seqs.length);
        const pause = delayFor(seqs.length) * (seqs.length - before);
        if (pause > 0) {
          response.pause();
          setTimeout(() => response.resume(), pause);
        }
      });
      response.on('end', () => resolve({ seqs, doneStatus }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A memory figure of a process from /proc/<pid>/status, in MB. */
function statusMb(pid: number, field: 'VmRSS' | 'RssAnon'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

export function rssMb(pid: number): number {
  return statusMb(pid, 'VmRSS');
}

/** Anonymous resident memory (heap, buffers), without file pages such as the database's. */
export function anonymousRssMb(pid: number): number {
  return statusMb(pid, 'RssAnon');
}

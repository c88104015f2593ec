import { Observable } from 'rxjs';
import type { DoneEvent, ExecutionStatus, LogLevel, PausedEvent, ProgressEvent } from '@chariot/contract';
import { isFinalStatus } from '@chariot/contract';
import { ExecutionRow, ExecutionStore } from './execution-store';
import { LiveExecution } from './live-execution';
import type { StreamEvent } from './stream-event';

const PAGE_SIZE = 500;
const POLL_FOREIGN_MS = 1000;

export interface ReadOptions {
  executionId: string;
  after: number;
  levels?: readonly LogLevel[];
  store: ExecutionStore;
  /** The running execution in this process, if it runs here. */
  live: () => LiveExecution | undefined;
  /** Resolves when the client's connection can take more; keeps memory bounded for slow readers. */
  writable?: () => Promise<void>;
}

function doneOf(row: ExecutionRow): DoneEvent {
  const status = row.status as ExecutionStatus;
  return {
    status,
    ...(row.result_json !== null ? { result: JSON.parse(row.result_json) as unknown } : {}),
    ...(row.error_json !== null ? { error: JSON.parse(row.error_json) } : {}),
  };
}

function progressOf(row: ExecutionRow): ProgressEvent | undefined {
  return row.progress_percent === null ? undefined : { percent: Number(row.progress_percent), message: row.progress_message ?? '' };
}

/**
 * One client's view of an execution's log: everything stored after its resume point, read from
 * storage page by page, then whatever is stored next as the live execution announces it, then
 * `done`. Reading only what storage holds, up to what has been announced, gives every client
 * exactly the entries 1..N in order whatever its resume point or speed, and memory holds one
 * page per client at most.
 */
export function readLog(options: ReadOptions): Observable<StreamEvent> {
  return new Observable<StreamEvent>((subscriber) => {
    let closed = false;
    let wake: (() => void) | undefined;
    const { store, executionId } = options;
    const writable = options.writable ?? (() => Promise.resolve());

    async function pump(): Promise<void> {
      let cursor = options.after;
      let sentProgress: ProgressEvent | undefined;
      let sentPause: PausedEvent | null = null;
      const first = options.live();
      const firstRow = first ? undefined : await store.get(executionId);
      let sentStatus = first?.status ?? ((firstRow?.status ?? 'running') as ExecutionStatus);
      subscriber.next({ kind: 'status', status: sentStatus, lastSeq: cursor });
      // queued → running; the final status travels in `done`.
      const sendStatus = (status: ExecutionStatus) => {
        if (status === sentStatus) return;
        sentStatus = status;
        subscriber.next({ kind: 'status', status, lastSeq: cursor });
      };

      const sendPage = async (upTo: number | undefined): Promise<number> => {
        const rows = await store.readEntries(executionId, { after: cursor, limit: PAGE_SIZE, upTo, levels: options.levels });
        for (const entry of rows) {
          if (closed) return 0;
          subscriber.next({ kind: 'entry', entry });
        }
        if (rows.length) cursor = rows[rows.length - 1].seq;
        if (rows.length < PAGE_SIZE && upTo !== undefined) cursor = Math.max(cursor, upTo);
        if (rows.length) {
          await writable();
          // SQLite answers synchronously under its promise, so without this a long catch-up
          // would run in microtasks and starve every other request of the event loop.
          await new Promise((resolve) => setImmediate(resolve));
        }
        return rows.length;
      };
      const sendProgress = (progress: ProgressEvent | undefined) => {
        if (progress && progress !== sentProgress && (sentProgress?.percent !== progress.percent || sentProgress?.message !== progress.message)) {
          sentProgress = progress;
          subscriber.next({ kind: 'progress', progress, lastSeq: cursor });
        }
      };
      // A client that connects during a pause gets it once caught up; a pause it saw ends with `resumed`.
      const sendPause = (live: LiveExecution) => {
        if (live.paused === sentPause) return;
        if (sentPause && live.lastAction) subscriber.next({ kind: 'resumed', resumed: { action: live.lastAction }, lastSeq: cursor });
        sentPause = live.paused;
        if (sentPause) subscriber.next({ kind: 'paused', paused: sentPause, lastSeq: cursor });
      };

      while (!closed) {
        const live = options.live();
        if (live && !live.done) {
          sendStatus(live.status);
          const upTo = live.storedSeq;
          if (cursor < upTo) {
            await sendPage(upTo);
            continue;
          }
          sendProgress(live.progress);
          sendPause(live);
          // Checking storedSeq above and subscribing here happen in one synchronous step, so no
          // announcement can fall between them.
          await new Promise<void>((resolve) => {
            // `let`: a completed Subject calls `settle` during subscribe(), before assignment.
            // eslint-disable-next-line prefer-const
            let subscription: { unsubscribe(): void } | undefined;
            const settle = () => {
              subscription?.unsubscribe();
              resolve();
            };
            wake = settle;
            subscription = live.signals.subscribe({ next: settle, complete: settle });
          });
          wake = undefined;
          continue;
        }
        const row = await store.get(executionId);
        if (!row) {
          subscriber.complete();
          return;
        }
        if (!isFinalStatus(row.status as ExecutionStatus)) {
          // Queued or running in another process: follow what it stores.
          sendStatus(row.status as ExecutionStatus);
          if ((await sendPage(Number(row.entry_count))) === 0) await new Promise((r) => setTimeout(r, POLL_FOREIGN_MS));
          continue;
        }
        // Final: every entry was stored before the status, so read to the end, then done.
        while (!closed && (await sendPage(undefined)) === PAGE_SIZE) {
          /* next page */
        }
        if (closed) return;
        sendProgress(progressOf(row));
        subscriber.next({ kind: 'done', done: doneOf(row), lastSeq: Math.max(cursor, Number(row.entry_count)) });
        subscriber.complete();
        return;
      }
    }

    pump().catch((error: unknown) => subscriber.error(error));
    return () => {
      closed = true;
      wake?.();
    };
  });
}

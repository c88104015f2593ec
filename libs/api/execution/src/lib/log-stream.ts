import { Logger } from '@nestjs/common';
import type { Writable } from 'node:stream';
import type { DoneEvent, ExecutionStatus, LogLevel, PausedEvent, ProgressEvent } from '@chariot/contract';
import { isFinalStatus } from '@chariot/contract';
import { ExecutionRow, ExecutionStore, toDone } from './execution-store';
import type { LiveExecution, LiveListener } from './live-execution';
import { entryFrame, LevelMask, levelMask } from './log-tail';
import { HEARTBEAT_FRAME, lifecycleFrame } from './sse-frames';
import { ReplayTurns } from './replay-turns';

/** Where a stream's frames go: the HTTP response, or any writable stream in tests. */
export type FrameSink = Pick<Writable, 'write' | 'end' | 'once' | 'off' | 'destroyed' | 'writableLength'>;

/** Entries read from storage at a time, by a reader that is not inside the tail. */
const PAGE_SIZE = 500;
/** How often a stream of an execution running in another process looks for new entries. */
const POLL_FOREIGN_MS = 1000;
/** One write to a connection carries about this much at most (at least one stored batch). */
const WRITE_CHARS = 256 * 1024;

export interface LogStreamOptions {
  executionId: string;
  /** Entries up to this sequence number have been seen: send the ones after it. */
  after: number;
  levels?: readonly LogLevel[];
  store: ExecutionStore;
  /** The execution when it is queued or runs in this process; otherwise it is read from storage. */
  live: LiveExecution | undefined;
  sink: FrameSink;
  /** Called once when the stream closes, whichever side closed it. */
  onClose?: () => void;
}

const logger = new Logger('LogStream');

/** The catch-up reads of every stream of this process take turns here. */
const replayTurns = new ReplayTurns();

/**
 * One client's SSE stream of one execution: the entries after its resume point exactly once and
 * in order, the lifecycle frames, then `done`. Entries of a live execution come from its shared
 * tail of ready frames, everything that is ready in one write; a client whose position is not in
 * the tail (resuming from far back, or too slow to keep up) reads storage page by page until it
 * is. Nothing is sent before it is stored. Every write waits for the connection to take the last
 * one (`drain`), so a slow client holds about one write of memory and holds no one else up.
 */
export class LogStream implements LiveListener {
  private cursor: number;
  private readonly mask: LevelMask;
  private sentStatus: ExecutionStatus | undefined;
  private sentProgress: ProgressEvent | undefined;
  private sentPause: PausedEvent | null = null;
  /** Reading storage: wake() leaves the work to that read, which goes on from where it ends. */
  private busy = false;
  /** The connection's buffer is full: nothing more until it drains. */
  private blocked = false;
  private ended = false;

  constructor(private readonly options: LogStreamOptions) {
    this.cursor = options.after;
    this.mask = levelMask(options.levels);
  }

  /** What was written to the connection and its client has not taken yet. */
  get bufferedBytes(): number {
    return this.options.sink.writableLength;
  }

  /** Sends what there is and follows the execution from then on. */
  start(): void {
    const { live } = this.options;
    if (!live) {
      void this.runAsync(this.followStorage());
      return;
    }
    if (!live.done) live.listeners.add(this);
    this.wake();
  }

  /**
   * Writes what is new: the status, stored entries (from the tail, or storage when they are not
   * in it), progress, pause and resume, and after the last entry `done`.
   */
  wake(): void {
    const live = this.options.live;
    if (this.busy || this.blocked || this.ended || !live) return;
    let out = this.statusFrame(live.status);
    while (this.cursor < live.storedSeq) {
      const read = live.tail.read(this.cursor, this.mask, WRITE_CHARS);
      if (!read) {
        // The entries next in line have left the tail: storage has them.
        if (!this.write(out)) return;
        void this.runAsync(this.page(live.storedSeq)).then((ok) => ok && this.wake());
        return;
      }
      out += read.text;
      this.cursor = read.last;
      if (out.length >= WRITE_CHARS) {
        if (!this.write(out)) return;
        out = '';
      }
    }
    out += this.progressFrame(live.progress);
    if (live.done) {
      this.finish(out, live.done);
      return;
    }
    out += this.pauseFrames(live);
    this.write(out);
  }

  /** A `:` comment that keeps proxies from closing an idle connection; skipped while it is full. */
  heartbeat(): void {
    if (!this.blocked && !this.ended) this.options.sink.write(HEARTBEAT_FRAME);
  }

  /** The connection closed (or the stream ended): stop following. Safe to call more than once. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.options.live?.listeners.delete(this);
    this.options.onClose?.();
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** An execution that is not live here: ended, or queued or running in another process. */
  private async followStorage(): Promise<void> {
    const { store, executionId } = this.options;
    for (;;) {
      const row = await store.get(executionId);
      if (this.ended) return;
      if (!row) {
        this.finish('', undefined);
        return;
      }
      const status = row.status as ExecutionStatus;
      this.write(this.statusFrame(status));
      if (!isFinalStatus(status)) {
        if ((await this.page(Number(row.entry_count))) === 0)
          await new Promise((resolve) => setTimeout(resolve, POLL_FOREIGN_MS));
        continue;
      }
      // Every entry was stored before the final status, so read to the end, then done.
      while (!this.ended && (await this.page(undefined)) === PAGE_SIZE) {
        /* next page */
      }
      if (this.ended) return;
      this.cursor = Math.max(this.cursor, Number(row.entry_count));
      this.finish(this.progressFrame(progressOf(row)), toDone(row));
      return;
    }
  }

  /** Sends one page of stored entries after the cursor (up to `upTo`); resolves to how many it read. */
  private async page(upTo: number | undefined): Promise<number> {
    const { store, executionId, levels } = this.options;
    // SQLite answers synchronously under its promise: the pages of every stream take turns, a
    // few milliseconds of them per turn of the event loop, so a long catch-up (or twenty at
    // once) holds no other request for longer than that.
    const { read, full } = await replayTurns.run(async () => {
      const rows = await store.readEntries(executionId, { after: this.cursor, limit: PAGE_SIZE, upTo, levels });
      if (this.ended) return { read: 0, full: false };
      let text = '';
      for (const entry of rows) text += entryFrame(entry);
      if (rows.length) this.cursor = rows[rows.length - 1].seq;
      if (rows.length < PAGE_SIZE && upTo !== undefined) this.cursor = Math.max(this.cursor, upTo);
      return { read: rows.length, full: text !== '' && !this.options.sink.write(text) };
    });
    // waiting for a slow client holds no turn
    if (full) await this.drained();
    return read;
  }

  /**
   * Marks the stream busy while `work` runs; resolves to whether it went well. A failure ends the
   * stream without `done`, so the client resumes from what it has.
   */
  private runAsync(work: Promise<unknown>): Promise<boolean> {
    this.busy = true;
    return work.then(
      () => {
        this.busy = false;
        return !this.ended;
      },
      (error: unknown) => {
        this.busy = false;
        logger.error(`stream of ${this.options.executionId} failed: ${String(error)}`);
        this.options.sink.end();
        this.close();
        return false;
      },
    );
  }

  /** Writes `text`; false when the connection is full, and then wake() runs again once it drains. */
  private write(text: string): boolean {
    if (!text || this.ended) return !this.ended;
    if (this.options.sink.write(text)) return true;
    this.blocked = true;
    this.options.sink.once('drain', this.onDrain);
    return false;
  }

  private readonly onDrain = () => {
    this.blocked = false;
    this.wake();
  };

  private drained(): Promise<void> {
    const { sink } = this.options;
    return new Promise((resolve) => {
      const done = () => {
        sink.off('drain', done);
        sink.off('close', done);
        resolve();
      };
      sink.once('drain', done);
      sink.once('close', done);
    });
  }

  /** The last frames, `done` (none when the execution vanished), and the end of the response. */
  private finish(out: string, done: DoneEvent | undefined): void {
    if (this.ended) return;
    this.options.sink.end(done ? out + lifecycleFrame('done', done, this.cursor) : out);
    this.close();
  }

  /** `event: status` when it changed (always first); the final status travels in `done`. */
  private statusFrame(status: ExecutionStatus): string {
    const first = this.sentStatus === undefined;
    if (!first && (status === this.sentStatus || isFinalStatus(status))) return '';
    this.sentStatus = status;
    return lifecycleFrame('status', { status }, this.cursor, first);
  }

  private progressFrame(progress: ProgressEvent | undefined): string {
    if (
      !progress ||
      (progress.percent === this.sentProgress?.percent && progress.message === this.sentProgress?.message)
    )
      return '';
    this.sentProgress = progress;
    return lifecycleFrame('progress', progress, this.cursor);
  }

  /** A client that connects during a pause gets it once caught up; a pause it saw ends with `resumed`. */
  private pauseFrames(live: LiveExecution): string {
    if (live.paused === this.sentPause) return '';
    let out =
      this.sentPause && live.lastAction ? lifecycleFrame('resumed', { action: live.lastAction }, this.cursor) : '';
    this.sentPause = live.paused;
    if (this.sentPause) out += lifecycleFrame('paused', this.sentPause, this.cursor);
    return out;
  }
}

function progressOf(row: ExecutionRow): ProgressEvent | undefined {
  return row.progress_percent === null
    ? undefined
    : { percent: Number(row.progress_percent), message: row.progress_message ?? '' };
}

import { Logger } from '@nestjs/common';
import type {
  ApiErrorBody,
  DebugAction,
  DoneEvent,
  ExecutionStatus,
  LogEntry,
  LogLevel,
  PausedEvent,
  ProgressEvent,
  VariableSnapshot,
} from '@chariot/contract';
import type { ScriptRun } from '@chariot/api-runtime';
import { storableText } from '@chariot/api-storage';
import { ExecutionStore } from './execution-store';
import { LogTail } from './log-tail';
import type { LogAppend, LogSource } from './log-writer';

/**
 * A reader of a live execution. wake() is called, synchronously, each time there is something
 * new to send: entries stored, progress, a status change, a pause or its end, the end of the run.
 */
export interface LiveListener {
  wake(): void;
}

/**
 * A batch stored in one go holds this many entries at most, and not much more than BATCH_CHARS
 * of messages: batches grow under load (fewer commits and round trips), while one batch — which
 * is also what a slow client is written at once from the tail — stays around a megabyte.
 */
const BATCH_ENTRIES = 5000;
const BATCH_CHARS = 1024 * 1024;
/**
 * A batch that fails to be stored is tried again after 0.5 s, 1 s, 2 s and 4 s; after the fifth
 * failure it never will be, and the run ends as failed (LOG_STORAGE_FAILED) instead of holding its
 * place, its entries and its readers for ever.
 */
const WRITE_ATTEMPTS = 5;
const FIRST_RETRY_DELAY_MS = 500;

/**
 * The in-memory side of a queued or running execution. Entries get consecutive sequence numbers as the
 * script writes them, are written to storage in batches, in order, and only then announced to
 * readers: a client can never have seen an entry that a restart would lose. Memory holds the
 * batch not yet written and the bounded tail of stored entries as ready frames, never the log.
 */
export class LiveExecution implements LogSource {
  readonly listeners = new Set<LiveListener>();
  /** `queued` while it waits for a place, `running` once its row says so, then how it ended. */
  status: ExecutionStatus;
  /** Every entry up to this sequence number is stored and may be sent. */
  storedSeq = 0;
  progress: ProgressEvent | undefined;
  /** Where the debugged script is paused, once every entry logged before the pause is stored. */
  paused: PausedEvent | null = null;
  /** The action that ended the last pause. */
  lastAction: DebugAction | undefined;
  done: DoneEvent | undefined;
  run: ScriptRun | undefined;
  /** Cancel was asked for after it left the queue but before its script started: stop it at once. */
  cancelRequested = false;
  readonly finished: Promise<void>;
  private assignedSeq = 0;
  private pending: LogEntry[] = [];
  private pendingProgress: ProgressEvent | undefined;
  /** A batch is on its way to storage. */
  private writing = false;
  /** A batch that failed waits to be tried again. */
  private retryTimer: NodeJS.Timeout | undefined;
  /** Whoever waits for everything written so far to be stored. */
  private flushed: (() => void)[] = [];
  /** Failed attempts at storing the batch now first in line. */
  private failedWrites = 0;
  /** Set once storing its log was given up: the run is stopped and ends as this failure. */
  private writeFailure: ApiErrorBody | undefined;
  private markFinished!: () => void;
  /** The pause reported by the script, announced once the entries before it are stored. */
  private reportedPause: PausedEvent | null = null;
  private readonly logger = new Logger('Execution');

  constructor(
    readonly id: string,
    readonly ownerId: string,
    private readonly store: ExecutionStore,
    /** Called with each batch once it is stored, before readers hear of it. */
    private readonly onStored: (batch: readonly LogEntry[]) => void = () => undefined,
    status: 'queued' | 'running' = 'running',
    /** The newest stored entries as frames, which readers that are caught up are served from. */
    readonly tail = new LogTail(10_000, 4 * 1024 * 1024),
  ) {
    this.status = status;
    this.finished = new Promise((resolve) => (this.markFinished = resolve));
  }

  /** A queued execution got its place; call once its row says `running`, so readers never run ahead of storage. */
  markRunning(): void {
    if (this.done || this.status !== 'queued') return;
    this.status = 'running';
    this.announce();
  }

  append(level: LogLevel, message: string, timestamp: Date): void {
    if (this.done || this.writeFailure) return;
    // As it will be stored, so that a reader of the tail and a reader of storage see the same line.
    const stored = storableText(message);
    this.pending.push({ seq: ++this.assignedSeq, timestamp: timestamp.toISOString(), level, message: stored });
    this.requestWrite();
  }

  setProgress(progress: ProgressEvent): void {
    if (this.done || this.writeFailure) return;
    this.pendingProgress = progress;
    this.requestWrite();
  }

  /**
   * The script paused. Readers hear of it after the entries it logged before, which are stored
   * first; pauses themselves are never stored.
   */
  pause(event: PausedEvent): void {
    if (this.done) return;
    this.reportedPause = event;
    void this.flushAll().then(() => {
      if (this.reportedPause !== event || this.done) return;
      this.paused = event;
      this.announce();
    });
  }

  /** The script goes on; readers that were told of the pause are told it ended. */
  resume(action: DebugAction): void {
    this.reportedPause = null;
    if (!this.paused || this.done) return;
    this.paused = null;
    this.lastAction = action;
    this.announce();
  }

  /**
   * Stores what is pending, then the outcome with the variable snapshot (null: none), then
   * tells readers the stream has ended. When storing its log was given up, that failure is the
   * outcome, whatever the script did.
   */
  async finish(done: DoneEvent, droppedCount: number, variables: VariableSnapshot[] | null = null): Promise<void> {
    await this.flushAll();
    const outcome: DoneEvent = this.writeFailure ? { status: 'failed', error: this.writeFailure } : done;
    await this.store.finish(this.id, { ...outcome, droppedCount, variables: this.writeFailure ? null : variables });
    this.end(outcome);
  }

  /**
   * Ends it in memory only: readers get `done` and whoever waits for the end goes on. For when
   * not even its end could be stored; its row stays running until the next start marks it
   * interrupted.
   */
  end(done: DoneEvent): void {
    if (this.done) return;
    this.status = done.status;
    this.reportedPause = null;
    this.paused = null;
    this.done = done;
    this.announce();
    this.listeners.clear();
    this.markFinished();
  }

  /** Asks for the waiting entries to be stored, unless a batch of them is on its way or waits to be tried again. */
  private requestWrite(): void {
    if (!this.writing && !this.retryTimer) this.store.requestLogWrite(this);
  }

  /**
   * The next batch in line for the log writer, at most BATCH_ENTRIES entries and about
   * BATCH_CHARS characters; one batch at a time is on its way, so entries are stored in order.
   */
  takeBatch(): LogAppend | undefined {
    if (this.writing || this.retryTimer) return undefined;
    let count = 0;
    let chars = 0;
    while (count < this.pending.length && count < BATCH_ENTRIES && chars < BATCH_CHARS)
      chars += this.pending[count++].message.length;
    const entries = count === this.pending.length ? this.pending : this.pending.slice(0, count);
    this.pending = count === this.pending.length ? [] : this.pending.slice(count);
    const progress = this.pendingProgress;
    this.pendingProgress = undefined;
    if (!entries.length && !progress) return undefined;
    this.writing = true;
    return { executionId: this.id, entries, progress };
  }

  /** The batch is stored: it joins the tail and readers hear of it. */
  stored({ entries, progress }: LogAppend): void {
    this.writing = false;
    this.failedWrites = 0;
    if (entries.length) {
      this.tail.append(entries);
      this.storedSeq = entries[entries.length - 1].seq;
      this.onStored(entries);
    }
    if (progress) this.progress = progress;
    this.announce();
    this.afterWrite();
  }

  /** Storing the batch failed: it goes back first in line and is tried again after a back-off. */
  failed({ entries, progress }: LogAppend, error: unknown): void {
    this.writing = false;
    if (++this.failedWrites >= WRITE_ATTEMPTS) {
      this.giveUpWriting(error, entries.length);
      this.afterWrite();
      return;
    }
    // Keep the batch, in order, and try again: an entry is never skipped.
    const delay = FIRST_RETRY_DELAY_MS * 2 ** (this.failedWrites - 1);
    this.logger.error(`storing log entries of ${this.id} failed, retrying in ${delay} ms: ${String(error)}`);
    this.pending = entries.concat(this.pending);
    this.pendingProgress ??= progress;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.afterWrite();
    }, delay);
  }

  private afterWrite(): void {
    if (this.pending.length || this.pendingProgress) {
      this.requestWrite();
      return;
    }
    if (this.writing || this.retryTimer) return;
    const waiting = this.flushed;
    this.flushed = [];
    for (const resolve of waiting) resolve();
  }

  /** Resolves once everything written so far is stored (or given up). */
  private flushAll(): Promise<void> {
    if (!this.writing && !this.retryTimer && !this.pending.length && !this.pendingProgress) return Promise.resolve();
    return new Promise((resolve) => this.flushed.push(resolve));
  }

  /**
   * The batch first in line can never be stored: what waits is let go, later entries are not
   * taken, and the script is stopped, so the run ends as failed with LOG_STORAGE_FAILED.
   */
  private giveUpWriting(error: unknown, batchSize: number): void {
    const lost = batchSize + this.pending.length;
    this.logger.error(
      `storing log entries of ${this.id} failed ${WRITE_ATTEMPTS} times, giving up ${lost} entries and ending the execution: ${String(error)}`,
    );
    this.writeFailure = {
      code: 'LOG_STORAGE_FAILED',
      message: `the log of this execution could not be stored after ${WRITE_ATTEMPTS} attempts (entries after ${this.storedSeq} are lost), so it was stopped`,
    };
    this.pending = [];
    this.pendingProgress = undefined;
    this.run?.stop('failed', this.writeFailure);
  }

  private announce(): void {
    for (const listener of this.listeners) listener.wake();
  }
}

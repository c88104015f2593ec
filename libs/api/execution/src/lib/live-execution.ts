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
import { ExecutionStore } from './execution-store';
import { LogTail } from './log-tail';

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
export class LiveExecution {
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
  private timer: NodeJS.Immediate | undefined;
  private writing: Promise<void> = Promise.resolve();
  private writerActive = false;
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
    this.pending.push({ seq: ++this.assignedSeq, timestamp: timestamp.toISOString(), level, message });
    this.schedule();
  }

  setProgress(progress: ProgressEvent): void {
    if (this.done || this.writeFailure) return;
    this.pendingProgress = progress;
    this.schedule();
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

  /**
   * Starts the single writer once this turn's entries are in (a batch from the executor arrives
   * in one turn): stored at once when idle, while entries that come during a write wait for the
   * next batch, so batches grow with the load and a lone line is not held back.
   */
  private schedule(): void {
    if (this.writerActive) return;
    if (this.pending.length >= BATCH_ENTRIES) {
      this.startWriter();
    } else if (!this.timer) {
      this.timer = setImmediate(() => this.startWriter());
    }
  }

  /** One writer at a time drains the queue batch by batch, so entries are stored in order. */
  private startWriter(): void {
    if (this.timer) {
      clearImmediate(this.timer);
      this.timer = undefined;
    }
    if (this.writerActive) return;
    this.writerActive = true;
    this.writing = (async () => {
      try {
        while (this.pending.length || this.pendingProgress) {
          await this.writeBatch();
          // SQLite completes synchronously under its promise: yield so a backlog of batches
          // does not hold the event loop (and every other request) until it is all written.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        this.writerActive = false;
      }
    })();
  }

  private async flushAll(): Promise<void> {
    while (this.pending.length || this.pendingProgress || this.writerActive) {
      this.startWriter();
      await this.writing;
    }
  }

  private takeBatch(): LogEntry[] {
    let count = 0;
    let chars = 0;
    while (count < this.pending.length && count < BATCH_ENTRIES && chars < BATCH_CHARS)
      chars += this.pending[count++].message.length;
    return this.pending.splice(0, count);
  }

  private async writeBatch(): Promise<void> {
    const batch = this.takeBatch();
    const progress = this.pendingProgress;
    this.pendingProgress = undefined;
    if (!batch.length && !progress) return;
    try {
      await this.store.appendEntries(this.id, batch, progress);
    } catch (error) {
      if (++this.failedWrites >= WRITE_ATTEMPTS) {
        this.giveUpWriting(error, batch.length);
        return;
      }
      // Keep the batch, in order, and try again: an entry is never skipped.
      const delay = FIRST_RETRY_DELAY_MS * 2 ** (this.failedWrites - 1);
      this.logger.error(`storing log entries of ${this.id} failed, retrying in ${delay} ms: ${String(error)}`);
      this.pending.unshift(...batch);
      this.pendingProgress ??= progress;
      await new Promise((r) => setTimeout(r, delay));
      return;
    }
    this.failedWrites = 0;
    if (batch.length) {
      this.tail.append(batch);
      this.storedSeq = batch[batch.length - 1].seq;
      this.onStored(batch);
    }
    if (progress) this.progress = progress;
    this.announce();
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

import { Logger } from '@nestjs/common';
import type { DoneEvent, ExecutionStatus } from '@chariot/contract';
import { isFinalStatus } from '@chariot/contract';
import { ExecutionRow, ExecutionStore, toDone, toSummary } from '../execution-store';
import { LiveExecution } from '../live-execution';
import { LogTail } from '../log-tail';
import { PublishedState } from './log-events';

const logger = new Logger('RemoteExecution');

/** Entries read from PostgreSQL at a time, to fill the tail where Redis has no messages. */
const PAGE_SIZE = 500;

/**
 * An execution that runs on another instance, as this instance's streams see it: the same
 * fields a LogStream reads from a LiveExecution (status, stored entries as a tail of ready frames,
 * progress, pause, end), kept from what the running instance publishes to Redis. It never runs a
 * script or writes anything. Its tail holds consecutive entries: whatever Redis missed (trimmed,
 * lost while it was down) is read from PostgreSQL, which had each entry before it was published.
 */
export class RemoteExecution extends LiveExecution {
  /** Updates are applied one at a time, in order (some read PostgreSQL first). */
  private applying: Promise<void> = Promise.resolve();
  private readonly remoteStore: ExecutionStore;

  constructor(row: ExecutionRow, store: ExecutionStore, tail: LogTail) {
    super(row.id, row.owner_id, store, undefined, row.status === 'queued' ? 'queued' : 'running', tail);
    this.remoteStore = store;
    this.progress = toSummary(row).progress;
  }

  /** Fills the tail with the newest stored entries up to `upTo`, so caught-up readers are served from memory. */
  async seed(upTo: number, entries: number): Promise<void> {
    const rows = await this.remoteStore.readEntries(this.id, {
      after: Math.max(0, upTo - entries),
      limit: entries,
      upTo,
    });
    this.tail.append(rows);
    this.storedSeq = upTo;
  }

  /** Messages from the execution's Redis Stream, in order. */
  apply(messages: PublishedState[]): Promise<void> {
    return this.enqueue(async () => {
      for (const message of messages) await this.applyOne(message);
    });
  }

  /** What PostgreSQL says, for when Redis said nothing (the instance died, or Redis was down). */
  applyRow(row: ExecutionRow): Promise<void> {
    return this.enqueue(async () => {
      if (this.done) return;
      await this.fill(Number(row.entry_count));
      const summary = toSummary(row);
      if (summary.progress) this.progress = summary.progress;
      if (isFinalStatus(row.status as ExecutionStatus)) {
        this.endHere(toDone(row));
      } else {
        this.status = summary.status;
      }
      this.wakeAll();
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    // A failed read leaves the state as it was; the next message or check catches up from there.
    this.applying = this.applying
      .then(work)
      .catch((error: unknown) => logger.warn(`following ${this.id} failed: ${String(error)}`));
    return this.applying;
  }

  private async applyOne(message: PublishedState): Promise<void> {
    if (this.done) return;
    const fresh = message.entries.filter((e) => e.seq > this.storedSeq);
    if (fresh.length) {
      await this.fill(fresh[0].seq - 1);
      this.tail.append(fresh);
      this.storedSeq = fresh[fresh.length - 1].seq;
    }
    if (message.through !== undefined) await this.fill(message.through);
    if (message.progress) this.progress = message.progress;
    // LogStream compares pauses by identity: keep the object while it is the same pause.
    if (JSON.stringify(message.paused) !== JSON.stringify(this.paused)) {
      if (!message.paused && message.lastAction) this.lastAction = message.lastAction;
      this.paused = message.paused;
    }
    if (message.done) {
      // Every entry was stored before the end was published.
      await this.fill(Number.MAX_SAFE_INTEGER);
      this.endHere(message.done);
    } else {
      this.status = message.status;
    }
    this.wakeAll();
  }

  /** Reads stored entries after the tail's last one, up to `upTo`, into the tail. */
  private async fill(upTo: number): Promise<void> {
    while (this.storedSeq < upTo) {
      const rows = await this.remoteStore.readEntries(this.id, {
        after: this.storedSeq,
        limit: PAGE_SIZE,
        upTo: upTo === Number.MAX_SAFE_INTEGER ? undefined : upTo,
      });
      if (!rows.length) return;
      this.tail.append(rows);
      this.storedSeq = rows[rows.length - 1].seq;
    }
  }

  private endHere(done: DoneEvent): void {
    this.status = done.status;
    this.paused = null;
    this.done = done;
  }

  private wakeAll(): void {
    for (const listener of this.listeners) listener.wake();
    if (this.done) this.listeners.clear();
  }
}

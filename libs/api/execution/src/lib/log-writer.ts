import { Logger } from '@nestjs/common';
import type { LogEntry, ProgressEvent } from '@chariot/contract';

/** One execution's batch of entries (and progress) to store. */
export interface LogAppend {
  executionId: string;
  entries: LogEntry[];
  progress: ProgressEvent | undefined;
}

/** Something whose log waits to be stored: a live execution. */
export interface LogSource {
  /** Its next batch, taken out of what waits; undefined when it has nothing to give now. */
  takeBatch(): LogAppend | undefined;
  /** The batch it gave is stored. */
  stored(append: LogAppend): void;
  /** Storing the batch it gave failed; it may ask again. */
  failed(append: LogAppend, error: unknown): void;
}

/**
 * Stores the waiting log of every execution of this process together: once per turn of the event
 * loop, one group of the batches of all executions that asked, in one statement and one commit
 * (group commit). A hundred executions each logging a line cost one commit, not a hundred, and
 * not a hundred promise chains on the way to it. While a group is being stored, the executions
 * that ask wait for the next group, so groups grow with the load and a lone line is stored at once.
 * A group that fails is stored again batch by batch, so that each execution learns of its own
 * failure and none fails because another's batch was bad.
 */
export class LogWriter {
  /** The executions that asked, in the order they asked (a Set asks once). */
  private readonly asking = new Set<LogSource>();
  private scheduled = false;
  private writing = false;
  private readonly logger = new Logger('LogWriter');

  constructor(
    private readonly writeGroup: (appends: readonly LogAppend[]) => Promise<void>,
    /** A group stops taking batches once it holds this many entries (it always takes one batch). */
    private readonly maxEntries = Number.POSITIVE_INFINITY,
  ) {}

  /** `source` has something to store: it is asked for its batch when the next group is made. */
  request(source: LogSource): void {
    this.asking.add(source);
    this.schedule();
  }

  /** The next group starts once this turn's requests are in, and never while one is being stored. */
  private schedule(): void {
    if (this.scheduled || this.writing || this.asking.size === 0) return;
    this.scheduled = true;
    setImmediate(this.writeNext);
  }

  private readonly writeNext = (): void => {
    this.scheduled = false;
    this.writing = true;
    void this.writeOneGroup()
      .catch((error: unknown) => this.logger.error(`making a group of log writes failed: ${String(error)}`))
      .finally(() => {
        this.writing = false;
        // A backlog goes on in the next turn: SQLite stores synchronously under its promise, and a
        // flood must not hold every other request of the event loop until it is all written.
        this.schedule();
      });
  };

  private async writeOneGroup(): Promise<void> {
    const sources: LogSource[] = [];
    const appends: LogAppend[] = [];
    let entries = 0;
    for (const source of this.asking) {
      if (entries >= this.maxEntries) break;
      this.asking.delete(source);
      const append = source.takeBatch();
      if (!append) continue;
      sources.push(source);
      appends.push(append);
      entries += append.entries.length;
    }
    if (!appends.length) return;
    const failure = await this.attempt(appends);
    if (!failure) {
      for (let i = 0; i < sources.length; i++) this.tell(sources[i], appends[i]);
    } else if (appends.length === 1) {
      this.tell(sources[0], appends[0], failure);
    } else {
      for (let i = 0; i < sources.length; i++) this.tell(sources[i], appends[i], await this.attempt([appends[i]]));
    }
  }

  /** Tells one source how its batch went; a source that throws does not keep the others from hearing. */
  private tell(source: LogSource, append: LogAppend, failure?: { error: unknown }): void {
    try {
      if (failure) source.failed(append, failure.error);
      else source.stored(append);
    } catch (error) {
      this.logger.error(`after storing log entries of ${append.executionId}: ${String(error)}`);
    }
  }

  private attempt(appends: readonly LogAppend[]): Promise<{ error: unknown } | undefined> {
    return this.writeGroup(appends).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
  }
}

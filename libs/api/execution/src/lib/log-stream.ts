import { defer, from, Observable, Subject, concat, filter, of, EMPTY } from 'rxjs';
import type { DoneEvent, ExecutionStatus, LogEntry, LogLevel, ProgressEvent } from '@chariot/contract';

/** What a subscriber of one execution's stream receives, in order. */
export type StreamEvent =
  | { kind: 'entry'; entry: LogEntry }
  | { kind: 'status'; status: ExecutionStatus; lastSeq: number }
  | { kind: 'progress'; progress: ProgressEvent; lastSeq: number }
  | { kind: 'done'; done: DoneEvent; lastSeq: number };

export interface StreamFilter {
  /** Replay only entries with a larger sequence number (Last-Event-ID / ?after=). */
  after: number;
  /** Only these levels; undefined for all. */
  levels?: ReadonlySet<LogLevel>;
}

/**
 * The log of one execution: entries get consecutive sequence numbers 1, 2, 3… as they are
 * appended, and go to live subscribers through a Subject. A subscriber first gets the stored
 * entries after its resume point and then the live ones; both happen in one synchronous step,
 * so nothing can slip in between (no gap) and the live part skips what the replay sent (no
 * duplicate).
 */
export class LogStream {
  private readonly entries: LogEntry[] = [];
  private readonly live = new Subject<StreamEvent>();
  private status: ExecutionStatus = 'queued';
  private latestProgress: ProgressEvent | undefined;
  private doneEvent: DoneEvent | undefined;

  get lastSeq(): number {
    return this.entries.length;
  }

  get isDone(): boolean {
    return this.doneEvent !== undefined;
  }

  get progress(): ProgressEvent | undefined {
    return this.latestProgress;
  }

  append(level: LogLevel, message: string, timestamp: Date): LogEntry {
    if (this.doneEvent) throw new Error('append after done');
    const entry: LogEntry = { seq: this.entries.length + 1, timestamp: timestamp.toISOString(), level, message };
    this.entries.push(entry);
    this.live.next({ kind: 'entry', entry });
    return entry;
  }

  setStatus(status: ExecutionStatus): void {
    this.status = status;
    this.live.next({ kind: 'status', status, lastSeq: this.lastSeq });
  }

  setProgress(progress: ProgressEvent): void {
    this.latestProgress = progress;
    this.live.next({ kind: 'progress', progress, lastSeq: this.lastSeq });
  }

  finish(done: DoneEvent): void {
    if (this.doneEvent) return;
    this.status = done.status;
    this.doneEvent = done;
    this.live.next({ kind: 'done', done, lastSeq: this.lastSeq });
    this.live.complete();
  }

  /** Stored entries in a range, for paged reads. */
  slice(after: number, limit: number): LogEntry[] {
    return this.entries.slice(Math.max(0, after), Math.max(0, after) + limit);
  }

  /**
   * Replay after `filter.after`, then follow live until done. The first event is always the
   * current status, so a client learns where the execution stands at once.
   */
  events(streamFilter: StreamFilter): Observable<StreamEvent> {
    return defer(() => {
      const wanted = (entry: LogEntry) => !streamFilter.levels || streamFilter.levels.has(entry.level);
      const replayed = this.entries.slice(Math.max(0, streamFilter.after)).filter(wanted);
      const replayedUpTo = this.lastSeq;
      // The opening status frame carries the client's own resume point as its id: it precedes the replay.
      const head: StreamEvent[] = [{ kind: 'status', status: this.status, lastSeq: Math.max(0, streamFilter.after) }];
      const progress = this.latestProgress;
      const tail$: Observable<StreamEvent> = this.doneEvent
        ? of<StreamEvent>({ kind: 'done', done: this.doneEvent, lastSeq: replayedUpTo })
        : this.live.pipe(filter((e) => e.kind !== 'entry' || (e.entry.seq > replayedUpTo && wanted(e.entry))));
      return concat(
        from(head),
        from(replayed.map((entry): StreamEvent => ({ kind: 'entry', entry }))),
        progress ? of<StreamEvent>({ kind: 'progress', progress, lastSeq: replayedUpTo }) : EMPTY,
        tail$,
      );
    });
  }
}

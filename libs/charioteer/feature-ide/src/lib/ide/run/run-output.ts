import { signal } from '@angular/core';
import type { ApiErrorBody, LogEntry } from '@chariot/contract';
import { emptyView, LineBuffer, LineView, OutputLine, OutputLineFactory } from '@chariot/charioteer-util';

/** Calls `flush` once, at the next frame (paused in background tabs: `flush()` runs at the end anyway). */
export type FrameScheduler = (flush: () => void) => void;

export const nextFrame: FrameScheduler = (flush) => {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(flush);
  } else {
    setTimeout(flush, 16);
  }
};

/**
 * The output of the run on screen. Log entries arrive in bursts (replays, chatty scripts), so
 * they wait and are appended once per frame into an append-only chunked buffer (no copy of the
 * whole output per frame); any other line flushes the waiting entries first, so the order is
 * the order of arrival. An entry at or below the highest `seq` shown is a repeat and is dropped.
 */
export class RunOutput {
  private readonly linesState = signal<LineView<OutputLine>>(emptyView());
  private readonly logCountState = signal(0);

  readonly lines = this.linesState.asReadonly();
  /** Log entries in the output, counted as they arrive (no scan of 100,000 lines). */
  readonly logCount = this.logCountState.asReadonly();

  private factory = new OutputLineFactory();
  private buffer = new LineBuffer<OutputLine>();
  private pending: OutputLine[] = [];
  private flushScheduled = false;
  private lastSeqShown = 0;

  constructor(private readonly schedule: FrameScheduler = nextFrame) {}

  /** Highest log `seq` shown: where a resumed stream picks up. */
  get lastSeq(): number {
    return this.lastSeqShown;
  }

  /** A log entry, once, at the next frame. */
  entry(entry: LogEntry): void {
    if (entry.seq <= this.lastSeqShown) return;
    this.lastSeqShown = entry.seq;
    this.pending.push(...this.factory.log(entry));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.schedule(() => this.flush());
    }
  }

  status(text: string): void {
    this.now(this.factory.status(text));
  }

  separator(title: string): void {
    this.now(this.factory.separator(title));
  }

  result(value: unknown): void {
    this.now(this.factory.result(value));
  }

  /** The run logged `count` entries past its cap: counted by the server, never stored or sent. */
  dropped(count: number): void {
    if (count > 0)
      this.now(this.factory.notice(`${count} ${count === 1 ? 'line' : 'lines'} dropped (past the run's log limit)`));
  }

  error(error: ApiErrorBody | string): void {
    this.now(...this.factory.error(error));
  }

  /** Shows the entries waiting for the next frame now. */
  flush(): void {
    this.flushScheduled = false;
    if (!this.pending.length) return;
    const added = this.pending;
    this.pending = [];
    let logs = 0;
    for (const line of added) {
      this.buffer.push(line);
      if (line.kind === 'log' && !line.continuation) logs++;
    }
    this.linesState.set(this.buffer.snapshot());
    this.logCountState.update((count) => count + logs);
  }

  /** An empty output for the next run (a frame already scheduled flushes nothing of the old one). */
  clear(): void {
    this.factory = new OutputLineFactory();
    this.buffer = new LineBuffer<OutputLine>();
    this.pending = [];
    this.lastSeqShown = 0;
    this.linesState.set(this.buffer.snapshot());
    this.logCountState.set(0);
  }

  private now(...lines: OutputLine[]): void {
    this.pending.push(...lines);
    this.flush();
  }
}

import { Injectable } from '@nestjs/common';
import type { LogEntry } from '@chariot/contract';
import { DelayHistogram } from './delay-histogram';

/** Bounds (ms) of the store delay's buckets: fine where live lines should be, coarse past a second. */
const STORE_DELAY_BOUNDS_MS = [1, 2, 3, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];

/** Counters of this process, exposed in Prometheus text format by the metrics endpoint. */
@Injectable()
export class ExecutionMetrics {
  private stored = 0;
  private streams = 0;
  private readonly endedByStatus = new Map<string, number>();
  private readonly jobsByOutcome = new Map<string, number>();
  /**
   * From a script writing a line (the entry's timestamp, taken on its executor thread) to the
   * line being stored, and so ready for every stream: how live the log is, before the network.
   */
  readonly storeDelay = new DelayHistogram(STORE_DELAY_BOUNDS_MS);

  /** A batch of one execution is stored, at `nowMs` (epoch milliseconds). */
  entriesStored(batch: readonly LogEntry[], nowMs: number): void {
    this.stored += batch.length;
    for (const entry of batch) this.storeDelay.observe(nowMs - Date.parse(entry.timestamp));
  }

  finished(status: string): void {
    this.endedByStatus.set(status, (this.endedByStatus.get(status) ?? 0) + 1);
  }

  /** A job of the cluster's shared queue was delivered here: it ran its execution, or found it taken. */
  jobDelivered(outcome: string): void {
    this.jobsByOutcome.set(outcome, (this.jobsByOutcome.get(outcome) ?? 0) + 1);
  }

  streamOpened(): void {
    this.streams++;
  }

  streamClosed(): void {
    this.streams--;
  }

  get activeStreams(): number {
    return this.streams;
  }

  get entriesWritten(): number {
    return this.stored;
  }

  get ended(): ReadonlyMap<string, number> {
    return this.endedByStatus;
  }

  get jobs(): ReadonlyMap<string, number> {
    return this.jobsByOutcome;
  }
}

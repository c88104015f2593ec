import { Injectable } from '@nestjs/common';

/** Counters of this process, exposed in Prometheus text format by the metrics endpoint. */
@Injectable()
export class ExecutionMetrics {
  private stored = 0;
  private streams = 0;
  private readonly endedByStatus = new Map<string, number>();
  private readonly jobsByOutcome = new Map<string, number>();

  entriesStored(count: number): void {
    this.stored += count;
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

import { Worker, WorkerOptions } from 'node:worker_threads';
import type { ApiErrorBody, ExecutionStatus, LogLevel, VariableSnapshot } from '@chariot/contract';
import type { ChariotLimits, JsonValue } from '@chariot/language';
import { ACK_SLOT, CONTROL_BYTES, STOP_SLOT } from './worker/worker-protocol';
import type { WorkerInput, WorkerMessage } from './worker/worker-protocol';

/**
 * How a run ended. `variables` is what the script left defined when it ended by itself
 * (succeeded, or failed with a script error); null when it was stopped (cancelled, timed out)
 * or its thread died, since nothing could be inspected then.
 */
export type RunOutcome =
  | { status: 'succeeded'; value: JsonValue; droppedEntries: number; variables: VariableSnapshot[] }
  | {
      status: Exclude<ExecutionStatus, 'succeeded' | 'queued' | 'running' | 'interrupted'>;
      error: ApiErrorBody;
      droppedEntries: number;
      variables: VariableSnapshot[] | null;
    };

/** Receives what a script does while it runs; called on the main thread in order. */
export interface RunSink {
  log(level: LogLevel, message: string, timestamp: Date): void;
  progress(percent: number, message: string): void;
}

export interface RunLimits {
  timeoutMs: number;
  memoryMb: number;
  maxLogEntries: number;
  maxLogBytes: number;
  language: Partial<ChariotLimits>;
}

export interface RunRequest {
  program: string;
  limits: RunLimits;
  env: Record<string, string>;
}

/** Starts a worker thread; replaced in tests to run the TypeScript source. */
export type WorkerFactory = (options: WorkerOptions) => Worker;

/** A script running in its own worker thread. */
export class ScriptRun {
  readonly outcome: Promise<RunOutcome>;
  private readonly stopSignal = new SharedArrayBuffer(CONTROL_BYTES);
  private readonly control = new Int32Array(this.stopSignal);
  private worker!: Worker;
  private stopReason: 'cancelled' | 'timed_out' | undefined;
  private droppedEntries = 0;
  private settle!: (outcome: RunOutcome) => void;
  private finished = false;
  private timer: NodeJS.Timeout | undefined;

  /** `worker` is a fresh thread waiting for its script; it runs this one and is never reused. */
  constructor(request: RunRequest, sink: RunSink, worker: Worker) {
    this.outcome = new Promise<RunOutcome>((resolve) => (this.settle = resolve));
    const input: WorkerInput = {
      program: request.program,
      limits: request.limits.language,
      env: request.env,
      maxLogEntries: request.limits.maxLogEntries,
      maxLogBytes: request.limits.maxLogBytes,
      stopSignal: this.stopSignal,
    };
    this.worker = worker;
    this.timer = setTimeout(() => this.stop('timed_out'), request.limits.timeoutMs);
    this.worker.on('message', (message: WorkerMessage) => {
      if (this.finished) return;
      switch (message.type) {
        case 'logs':
          for (const entry of message.entries) sink.log(entry.level, entry.message, new Date(entry.timestamp));
          Atomics.add(this.control, ACK_SLOT, 1);
          Atomics.notify(this.control, ACK_SLOT);
          break;
        case 'progress':
          sink.progress(message.percent, message.message);
          break;
        case 'done':
          this.droppedEntries = message.droppedEntries;
          // Once a stop was asked for, its reason decides the outcome, even if the script
          // managed to report the interruption itself as an error first.
          if (this.stopReason) break;
          this.finish(
            message.ok
              ? { status: 'succeeded', value: message.value, droppedEntries: message.droppedEntries, variables: message.variables }
              : { status: 'failed', error: message.error, droppedEntries: message.droppedEntries, variables: message.variables },
          );
          break;
      }
    });
    this.worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.finish({
        status: 'failed',
        error: outOfMemory
          ? { code: 'MEMORY_LIMIT', message: `memory limit exceeded (${request.limits.memoryMb} MiB)` }
          : { code: 'RUNTIME_ERROR', message: error.message },
        droppedEntries: this.droppedEntries,
        variables: null,
      });
    });
    this.worker.on('exit', () => {
      if (this.stopReason) {
        const message =
          this.stopReason === 'timed_out'
            ? `execution timed out after ${request.limits.timeoutMs} ms`
            : 'execution cancelled';
        this.finish({
          status: this.stopReason,
          error: { code: this.stopReason === 'timed_out' ? 'TIMED_OUT' : 'CANCELLED', message },
          droppedEntries: this.droppedEntries,
          variables: null,
        });
      } else {
        this.finish({
          status: 'failed',
          error: { code: 'WORKER_EXITED', message: 'the script worker stopped unexpectedly' },
          droppedEntries: this.droppedEntries,
          variables: null,
        });
      }
    });
    worker.postMessage(input);
  }

  /** Stops the script: wakes it if it sleeps, then terminates its thread. */
  stop(reason: 'cancelled' | 'timed_out'): void {
    if (this.finished || this.stopReason) return;
    this.stopReason = reason;
    Atomics.store(this.control, STOP_SLOT, 1);
    Atomics.notify(this.control, STOP_SLOT);
    Atomics.notify(this.control, ACK_SLOT);
    void this.worker.terminate();
  }

  private finish(outcome: RunOutcome): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.worker) void this.worker.terminate();
    this.settle(outcome);
  }
}

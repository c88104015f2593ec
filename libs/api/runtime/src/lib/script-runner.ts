import { Worker, WorkerOptions } from 'node:worker_threads';
import type { ApiErrorBody, DebugAction, DebugOptions, ExecutionStatus, LogLevel, PausedEvent, VariableSnapshot } from '@chariot/contract';
import type { ChariotLimits, JsonValue } from '@chariot/language';
import { Countdown } from './countdown';
import { ACK_SLOT, CONTROL_BYTES, DEBUG_SLOT, encodeAction, STOP_SLOT } from './worker/worker-protocol';
import type { WorkerBreakpoints, WorkerInput, WorkerMessage } from './worker/worker-protocol';

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
  /** A debugged run stopped before a statement and waits for resume(). */
  paused?(event: PausedEvent): void;
  /** It goes on after a pause. */
  resumed?(action: DebugAction): void;
}

export interface RunLimits {
  /** Wall-clock time of the run, not counting debugger pauses. */
  timeoutMs: number;
  /** Longest single debugger pause. */
  pauseTimeoutMs: number;
  memoryMb: number;
  maxLogEntries: number;
  maxLogBytes: number;
  language: Partial<ChariotLimits>;
}

export interface RunRequest {
  program: string;
  limits: RunLimits;
  env: Record<string, string>;
  /** Run under the debugger. */
  debug?: DebugOptions;
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
  private stopMessage: string | undefined;
  private droppedEntries = 0;
  private settle!: (outcome: RunOutcome) => void;
  private finished = false;
  private readonly wallClock: Countdown;
  /** Where the script is paused (debugger), if it is. */
  private pause: PausedEvent | undefined;
  private pauseTimer: NodeJS.Timeout | undefined;
  private readonly pauseTimeoutMs: number;
  private readonly sink: RunSink;

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
      ...(request.debug ? { debug: request.debug } : {}),
    };
    this.worker = worker;
    this.wallClock = new Countdown(request.limits.timeoutMs, () => this.stop('timed_out'));
    this.pauseTimeoutMs = request.limits.pauseTimeoutMs;
    this.sink = sink;
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
        case 'paused':
          this.paused({ line: message.line, column: message.column, depth: message.depth, variables: message.variables });
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
          this.stopMessage ??
          (this.stopReason === 'timed_out' ? `execution timed out after ${request.limits.timeoutMs} ms` : 'execution cancelled');
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

  /** Where the script is paused right now, if it is. */
  get pausedAt(): PausedEvent | undefined {
    return this.pause;
  }

  /**
   * Ends a debugger pause with the user's action, and the breakpoints from then on when given;
   * false when the script is not paused.
   */
  resume(action: DebugAction, breakpoints?: number[]): boolean {
    if (this.finished || this.stopReason || !this.pause) return false;
    this.pause = undefined;
    clearTimeout(this.pauseTimer);
    // Posted before the action is written, so the worker finds it when it wakes.
    if (breakpoints) this.worker.postMessage({ type: 'breakpoints', lines: breakpoints } satisfies WorkerBreakpoints);
    Atomics.store(this.control, DEBUG_SLOT, encodeAction(action));
    Atomics.notify(this.control, DEBUG_SLOT);
    this.wallClock.run();
    this.sink.resumed?.(action);
    return true;
  }

  /** Stops the script: wakes it if it sleeps or is paused, then terminates its thread. */
  stop(reason: 'cancelled' | 'timed_out', message?: string): void {
    if (this.finished || this.stopReason) return;
    this.stopReason = reason;
    this.stopMessage = message;
    Atomics.store(this.control, STOP_SLOT, 1);
    Atomics.notify(this.control, STOP_SLOT);
    Atomics.notify(this.control, ACK_SLOT);
    Atomics.notify(this.control, DEBUG_SLOT);
    void this.worker.terminate();
  }

  /** The wall clock stands still while paused; a pause has its own, separate limit. */
  private paused(event: PausedEvent): void {
    this.pause = event;
    this.wallClock.hold();
    const limit = this.pauseTimeoutMs;
    this.pauseTimer = setTimeout(
      () => this.stop('timed_out', `the debugger stayed paused longer than ${limit} ms (DEBUG_PAUSE_TIMEOUT_MS)`),
      limit,
    );
    this.sink.paused?.(event);
  }

  private finish(outcome: RunOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.pause = undefined;
    this.wallClock.clear();
    clearTimeout(this.pauseTimer);
    if (this.worker) void this.worker.terminate();
    this.settle(outcome);
  }
}

import type {
  ApiErrorBody,
  BreakpointLike,
  DebugAction,
  DebugOptions,
  ExecutionStatus,
  LogLevel,
  PausedEvent,
  VariableSnapshot,
} from '@chariot/contract';
import type { ChariotLimits, JsonValue } from '@chariot/language';
import { Countdown } from './countdown';
import type { FromExecutor, LogLine, StartRun } from './executor/protocol';

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
  /** All the debugger pauses of one run together; past it the run ends (PAUSE_BUDGET_EXCEEDED). */
  totalPauseMs: number;
  /** Values the run may hold (strings, arrays, maps, nodes), in MiB; past it: MEMORY_LIMIT. */
  memoryMb: number;
  maxLogEntries: number;
  maxLogBytes: number;
  /** Longest result (JSON, UTF-8 bytes); past it the run fails with RESULT_TOO_LARGE. */
  maxResultBytes: number;
  /** Longest error or progress message (UTF-8 bytes); past it the message is cut. */
  maxMessageBytes: number;
  language: Partial<ChariotLimits>;
}

export interface RunRequest {
  program: string;
  limits: RunLimits;
  env: Record<string, string>;
  /** Run under the debugger. */
  debug?: DebugOptions;
}

/** The executor thread a run is on, as the run sees it. */
export interface RunHost {
  send(start: StartRun): void;
  stop(id: string): void;
  resume(id: string, action: DebugAction, breakpoints?: BreakpointLike[], watches?: string[]): void;
  /** The run's thread must go (a stopped run does not end): its runs end with it. */
  recycle(reason: string): void;
  forget(id: string): void;
}

/** Why a run was stopped, which is also the status it ends with. */
export type StopReason = 'cancelled' | 'timed_out' | 'failed';

/** How long a stopped run may take to end before its thread is replaced. */
export const STOP_GRACE_MS = 10_000;

/**
 * One execution as the main thread sees it: it runs on an executor thread shared with others,
 * and this side keeps its wall clock, its pause limit and how it ended.
 */
export class ScriptRun {
  readonly outcome: Promise<RunOutcome>;
  private stopReason: StopReason | undefined;
  /** The error the stop ends the run with, when it is not the reason's usual one. */
  private stopError: ApiErrorBody | undefined;
  private droppedEntries = 0;
  private settle!: (outcome: RunOutcome) => void;
  private finished = false;
  private readonly wallClock: Countdown;
  /** What is left of the run's total pause budget: counts down only while paused. */
  private readonly pauseBudget: Countdown;
  /** Where the script is paused (debugger), if it is. */
  private pause: PausedEvent | undefined;
  private pauseTimer: NodeJS.Timeout | undefined;
  private graceTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    private readonly request: RunRequest,
    private readonly sink: RunSink,
    private readonly host: RunHost,
  ) {
    this.outcome = new Promise<RunOutcome>((resolve) => (this.settle = resolve));
    this.wallClock = new Countdown(request.limits.timeoutMs, () => this.stop('timed_out'));
    const budget = request.limits.totalPauseMs;
    this.pauseBudget = new Countdown(budget, () =>
      this.stop('timed_out', {
        code: 'PAUSE_BUDGET_EXCEEDED',
        message: `the debugger held this run paused for ${budget} ms in all (DEBUG_TOTAL_PAUSE_MS), however often it stepped`,
      }),
    );
    this.pauseBudget.hold();
    host.send({
      type: 'start',
      id,
      program: request.program,
      limits: request.limits.language,
      env: request.env,
      maxLogEntries: request.limits.maxLogEntries,
      maxLogBytes: request.limits.maxLogBytes,
      memoryBytes: request.limits.memoryMb * 1024 * 1024,
      maxResultBytes: request.limits.maxResultBytes,
      maxMessageBytes: request.limits.maxMessageBytes,
      ...(request.debug ? { debug: request.debug } : {}),
    });
  }

  /** Where the script is paused right now, if it is. */
  get pausedAt(): PausedEvent | undefined {
    return this.pause;
  }

  /**
   * Ends a debugger pause with the user's action, and the breakpoints and watches from then on when given;
   * false when the script is not paused.
   */
  resume(action: DebugAction, breakpoints?: BreakpointLike[], watches?: string[]): boolean {
    if (this.finished || this.stopReason || !this.pause) return false;
    this.pause = undefined;
    clearTimeout(this.pauseTimer);
    this.pauseBudget.hold();
    this.host.resume(this.id, action, breakpoints, watches);
    this.wallClock.run();
    this.sink.resumed?.(action);
    return true;
  }

  /**
   * Stops the script at its next slice boundary or wait; its thread goes if it does not end. The
   * run ends with `reason` as its status and `error` (default: CANCELLED or TIMED_OUT).
   */
  stop(reason: StopReason, error?: ApiErrorBody): void {
    if (this.finished || this.stopReason) return;
    this.stopReason = reason;
    this.stopError = error;
    this.host.stop(this.id);
    this.graceTimer = setTimeout(
      () => this.host.recycle(`execution ${this.id} did not stop within ${STOP_GRACE_MS} ms`),
      STOP_GRACE_MS,
    );
  }

  /** Lines the script logged, in order. */
  logged(lines: readonly LogLine[]): void {
    if (this.finished) return;
    for (const line of lines) this.sink.log(line.level, line.message, new Date(line.timestamp));
  }

  /** Any other message its thread sent about it. */
  receive(message: Exclude<FromExecutor, { type: 'logs' }>): void {
    if (this.finished) return;
    switch (message.type) {
      case 'progress':
        this.sink.progress(message.percent, message.message);
        break;
      case 'paused':
        this.paused({
          line: message.line,
          column: message.column,
          depth: message.depth,
          variables: message.variables,
          frames: message.frames,
          watches: message.watches,
        });
        break;
      case 'done':
        this.droppedEntries = message.droppedEntries;
        // Once a stop was asked for, its reason decides the outcome, even if the script
        // managed to report the interruption itself as an error first.
        if (this.stopReason) this.finish(this.stoppedOutcome());
        else if (message.ok)
          this.finish({
            status: 'succeeded',
            value: JSON.parse(message.valueJson) as JsonValue,
            droppedEntries: message.droppedEntries,
            variables: message.variables,
          });
        else
          this.finish({
            status: 'failed',
            error: message.error,
            droppedEntries: message.droppedEntries,
            variables: message.variables,
          });
        break;
    }
  }

  /** Its thread died: only a stop that was asked for still decides how it ended. */
  threadEnded(why: string): void {
    this.finish(
      this.stopReason
        ? this.stoppedOutcome()
        : {
            status: 'failed',
            error: { code: 'EXECUTOR_CRASHED', message: `the executor thread running this execution stopped (${why})` },
            droppedEntries: this.droppedEntries,
            variables: null,
          },
    );
  }

  private stoppedOutcome(): RunOutcome {
    const status = this.stopReason ?? 'cancelled';
    const error =
      this.stopError ??
      (status === 'timed_out'
        ? { code: 'TIMED_OUT', message: `execution timed out after ${this.request.limits.timeoutMs} ms` }
        : { code: 'CANCELLED', message: 'execution cancelled' });
    return { status, error, droppedEntries: this.droppedEntries, variables: null };
  }

  /**
   * The wall clock stands still while paused; each pause has its own limit, and all of them
   * together the run's pause budget, so stepping now and then does not hold a place for ever.
   */
  private paused(event: PausedEvent): void {
    this.pause = event;
    this.wallClock.hold();
    this.pauseBudget.run();
    const limit = this.request.limits.pauseTimeoutMs;
    this.pauseTimer = setTimeout(
      () =>
        this.stop('timed_out', {
          code: 'TIMED_OUT',
          message: `the debugger stayed paused longer than ${limit} ms (DEBUG_PAUSE_TIMEOUT_MS)`,
        }),
      limit,
    );
    this.sink.paused?.(event);
  }

  private finish(outcome: RunOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.pause = undefined;
    this.wallClock.clear();
    this.pauseBudget.clear();
    clearTimeout(this.pauseTimer);
    clearTimeout(this.graceTimer);
    this.host.forget(this.id);
    this.settle(outcome);
  }
}

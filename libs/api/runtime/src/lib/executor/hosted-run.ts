import { ChariotError, ChariotRuntimeError, startChariot } from '@chariot/language';
import type { ChariotTask, DebugResume, LogLevel, VariableSnapshot } from '@chariot/language';
import type { ApiErrorBody, DebugAction, DebugChanges, PausedEvent } from '@chariot/contract';
import { MAX_VARIABLE_SNAPSHOTS, VARIABLE_PREVIEW_CHARS } from '@chariot/contract';
import { LogBudget } from './log-budget';
import { capMessage, serialiseResult } from './outbound';
import type { LogPipe } from './log-pipe';
import type { FromExecutor, StartRun } from './protocol';

/** What a hosted run needs of the thread it runs on. */
export interface RunContext {
  pipe: LogPipe;
  post: (message: FromExecutor) => void;
  /** Sends what post() queued now, instead of at the end of the turn. */
  postNow: () => void;
  /** Called every 1024 steps, also inside builtin callbacks: delivers stops that wait. */
  checkpoint: () => void;
  /** Gives the thread to the other runs between two time slices. */
  yieldSlice: () => Promise<void>;
  sliceMs: number;
}

/**
 * One execution on an executor thread: a Chariot task with host hooks that send its log lines,
 * progress and pauses to the main thread. It holds the thread only while it computes, one time
 * slice at a time; while it sleeps, waits at a pause or for its log pipe, it is a suspended
 * task and costs only its own state.
 */
export class HostedRun {
  private task: ChariotTask | undefined;
  private readonly budget: LogBudget;
  private endPause: ((resume: DebugResume) => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private stopError: ChariotError | undefined;

  constructor(
    private readonly start: StartRun,
    private readonly context: RunContext,
  ) {
    this.budget = new LogBudget(start.maxLogEntries, start.maxLogBytes);
  }

  /**
   * Starts the run: its first slice runs before this returns, so the executor must already know
   * the run (a stop may have to reach it inside that slice). Resolves once the end is posted.
   */
  run(): Promise<void> {
    const { start, context } = this;
    const { id } = start;
    this.task = startChariot(start.program, {
      host: {
        log: (level, message) => this.log(level, message),
        progress: (percent, message) => {
          context.pipe.flush();
          context.post({ type: 'progress', id, percent, message: capMessage(message, start.maxMessageBytes) });
          // the turn may last (a callback computing): a progress bar that moves must show it
          context.postNow();
        },
        sleep: (ms) =>
          ms > 0 ? new Promise<void>((resolve) => (this.sleepTimer = setTimeout(resolve, ms))) : undefined,
        now: () => Date.now(),
        random: () => Math.random(),
        getEnv: (name) => start.env[name],
        pause: (event) => this.pause(event),
        // the first slice runs before startChariot returns a task to stop: a stop that reaches
        // it there (inside a callback, through the control port) is thrown from here
        checkpoint: () => {
          context.checkpoint();
          if (this.stopError) throw this.stopError;
        },
      },
      limits: start.limits,
      debug: start.debug,
      memoryBytes: start.memoryBytes,
      sliceMs: context.sliceMs,
      yieldSlice: context.yieldSlice,
      snapshot: { previewChars: VARIABLE_PREVIEW_CHARS, maxVariables: MAX_VARIABLE_SNAPSHOTS },
    });
    const failed = (error: unknown, variables: VariableSnapshot[] | null) =>
      this.end({
        type: 'done',
        id,
        ok: false,
        error: describe(error, start.maxMessageBytes),
        droppedEntries: this.budget.dropped,
        variables,
      });
    return this.task.result.then(
      ({ value, variables }) => {
        let valueJson: string;
        try {
          valueJson = serialiseResult(value, start.maxResultBytes);
        } catch (error) {
          return failed(error, variables);
        }
        this.end({ type: 'done', id, ok: true, valueJson, droppedEntries: this.budget.dropped, variables });
      },
      (error: unknown) => failed(error, error instanceof ChariotError ? (error.variables ?? null) : null),
    );
  }

  /** Ends the run at its next checkpoint or wait; the main thread decides how it is reported. */
  stop(): void {
    this.stopError ??= new ChariotRuntimeError('execution stopped', 'CANCELLED');
    this.task?.stop(this.stopError);
  }

  /** Ends a debugger pause (breakpoints and watches replaced when given); false when the run is not paused. */
  resume(action: DebugAction, changes: DebugChanges = {}): boolean {
    const endPause = this.endPause;
    if (!endPause) return false;
    this.endPause = undefined;
    endPause({ action, ...changes });
    return true;
  }

  private log(level: LogLevel, message: string): Promise<void> | undefined {
    const verdict = this.budget.admit(message);
    if (verdict === 'drop') return undefined;
    const line =
      verdict === 'notice'
        ? { level: 'WARN' as const, message: this.budget.noticeText(), timestamp: Date.now() }
        : { level, message, timestamp: Date.now() };
    return this.context.pipe.write(this.start.id, line);
  }

  /** The lines logged before a pause reach the main thread before the pause does. */
  private pause(event: PausedEvent): Promise<DebugResume> {
    this.context.pipe.flush();
    this.context.post({ type: 'paused', id: this.start.id, ...event });
    this.context.postNow();
    return new Promise<DebugResume>((resolve) => (this.endPause = resolve));
  }

  private end(done: FromExecutor): void {
    clearTimeout(this.sleepTimer);
    this.endPause = undefined;
    this.context.pipe.flush();
    this.context.pipe.forget(this.start.id);
    this.context.post(done);
  }
}

function describe(error: unknown, maxMessageBytes: number): ApiErrorBody {
  if (error instanceof ChariotError) {
    const body = error.toJSON();
    return { ...body, message: capMessage(body.message, maxMessageBytes) };
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { code: 'CALL_DEPTH', message: 'call depth exceeded' };
  }
  return {
    code: 'RUNTIME_ERROR',
    message: capMessage(error instanceof Error ? error.message : String(error), maxMessageBytes),
  };
}

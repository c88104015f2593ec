import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type {
  ApiErrorBody,
  DebugAction,
  DebugOptions,
  DoneEvent,
  ExecutionDetail,
  ExecutionStatus,
  ExecutionSummary,
  LogEntry,
  PausedEvent,
  ProgressEvent as ExecutionProgress,
  VariableSnapshot,
} from '@chariot/contract';
import { isFinalStatus } from '@chariot/contract';
import {
  ApiError,
  ExecutionOutcome,
  ExecutionService,
  HistoryService,
  LogStreamEvent,
  LogStreamService,
  WorkspaceStateService,
} from '@chariot/charioteer-data-access';
import type { EditorDiagnostic, VariablesState } from '@chariot/charioteer-ui';
import { emptyView, LineBuffer, LineView, OutputLine, OutputLineFactory, RunStatus } from '@chariot/charioteer-util';
import { concat, defer, EMPTY, ignoreElements, of, Subscription, switchMap, tap, timer } from 'rxjs';

export type StreamConnection = 'idle' | 'open' | 'reconnecting';

/** Delay before the n-th reconnect attempt after the stream closed for good (ms). */
export const reconnectDelay = (attempt: number): number => Math.min(500 * 2 ** attempt, 5000);
/** Attempts before giving up on a stream that keeps failing. */
export const MAX_RECONNECTS = 20;

const ACTIVE: readonly RunStatus[] = ['starting', 'queued', 'running'];

/** Next frame (paused in background tabs: lines wait there, and `done` flushes them anyway). */
function schedule(flush: () => void): void {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(flush);
  } else {
    setTimeout(flush, 16);
  }
}

const time = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

/**
 * State of the IDE's run: output lines, status, execution id, progress, elapsed time. One
 * instance per IDE page. Log lines arrive in bursts (replays, chatty scripts), so they are
 * buffered and appended once per frame into an append-only chunked buffer (no copy of the
 * whole output per frame); lifecycle lines flush the buffer first to keep the order.
 *
 * A stream that drops is resumed from the last entry seen: the browser's own EventSource
 * retry (Last-Event-ID) first, and when the EventSource gives up, `resume()` asks the API
 * where the run stands, fetches the stored entries after the last one seen, and streams again
 * from there. Entries are de-duplicated by `seq`, so nothing is shown twice.
 */
@Injectable()
export class IdeStore {
  private readonly executions = inject(ExecutionService);
  private readonly logStream = inject(LogStreamService);
  private readonly history = inject(HistoryService);
  private readonly workspace = inject(WorkspaceStateService);

  private readonly linesState = signal<LineView<OutputLine>>(emptyView());
  private readonly statusState = signal<RunStatus>('idle');
  private readonly executionIdState = signal<string | null>(null);
  private readonly progressState = signal<ExecutionProgress | null>(null);
  private readonly connectionState = signal<StreamConnection>('idle');
  private readonly diagnosticState = signal<EditorDiagnostic | null>(null);
  private readonly cancellingState = signal(false);
  private readonly logCountState = signal(0);
  private readonly variablesState = signal<readonly VariableSnapshot[] | null>(null);
  private readonly variablesStatusState = signal<VariablesState>('idle');
  private readonly debuggingState = signal(false);
  private readonly pausedState = signal<PausedEvent | null>(null);
  private readonly debugBusyState = signal(false);
  private readonly startedAt = signal<number | null>(null);
  private readonly finishedAt = signal<number | null>(null);
  private readonly now = signal(Date.now());

  readonly lines = this.linesState.asReadonly();
  readonly status = this.statusState.asReadonly();
  readonly executionId = this.executionIdState.asReadonly();
  readonly progress = this.progressState.asReadonly();
  readonly connection = this.connectionState.asReadonly();
  readonly diagnostic = this.diagnosticState.asReadonly();
  readonly cancelling = this.cancellingState.asReadonly();
  /** Log entries in the output, counted as they arrive (no scan of 100,000 lines). */
  readonly logCount = this.logCountState.asReadonly();
  /** The runtime inspector: what the last run left defined, once it has ended. */
  readonly variables = this.variablesState.asReadonly();
  readonly variablesStatus = this.variablesStatusState.asReadonly();
  /** The current run was started under the debugger. */
  readonly debugging = this.debuggingState.asReadonly();
  /** Where a debugged run is paused, or null. */
  readonly paused = this.pausedState.asReadonly();
  /** A debug action was sent and the run has not resumed yet. */
  readonly debugBusy = this.debugBusyState.asReadonly();
  readonly running = computed(() => ACTIVE.includes(this.statusState()));
  /** Milliseconds the run has taken so far (or took), null before any run. */
  readonly elapsed = computed(() => {
    const start = this.startedAt();
    if (start === null) return null;
    return Math.max(0, (this.finishedAt() ?? this.now()) - start);
  });

  private factory = new OutputLineFactory();
  private buffer = new LineBuffer<OutputLine>();
  private pending: OutputLine[] = [];
  private flushScheduled = false;
  private runSubscription: Subscription | null = null;
  private variablesSubscription: Subscription | null = null;
  private cancelRequested = false;
  private synchronousRun = false;
  /** Highest log `seq` shown for the current execution. */
  private lastSeq = 0;
  private reconnects = 0;
  /** Runs started here mark their errors in the editor; reopened ones do not. */
  private markErrors = true;
  private ticker: ReturnType<typeof setInterval> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.runSubscription?.unsubscribe();
      this.variablesSubscription?.unsubscribe();
      this.stopTicker();
    });
  }

  /** Runs the editor's script: streamed (async + SSE) or plain synchronous, per the toggle. */
  run(): void {
    this.begin(null);
  }

  /**
   * Runs the editor's script under the debugger, streamed whatever the toggle says: it stops
   * at the breakpoints, or at its first line when there are none.
   */
  debug(): void {
    const breakpoints = [...this.workspace.breakpoints()];
    this.begin({ breakpoints, stopOnEntry: breakpoints.length === 0 });
  }

  /**
   * Tells the paused run what to do next, with the breakpoints as they are now (set or cleared
   * while paused); the stream's `resumed` and `paused` frames follow.
   */
  step(action: DebugAction): void {
    const id = this.executionIdState();
    if (!id || !this.pausedState() || this.debugBusyState()) return;
    this.debugBusyState.set(true);
    this.executions.debug(id, action, this.workspace.breakpoints()).subscribe({
      error: (error: unknown) => {
        this.debugBusyState.set(false);
        this.append(this.factory.error(`Debugger: ${ApiError.from(error).message}`));
      },
    });
  }

  private begin(debug: DebugOptions | null): void {
    if (this.running()) {
      return;
    }
    this.reset();
    this.debuggingState.set(debug !== null);
    this.markErrors = true;
    this.statusState.set('starting');
    this.variablesStatusState.set('running');
    this.startClock(Date.now());
    this.append(this.factory.status('Starting execution...'));
    const program = this.workspace.script();
    this.synchronousRun = debug === null && !this.workspace.streamLogs();
    if (this.synchronousRun) {
      this.runSynchronously(program);
    } else {
      this.runStreaming(program, debug ?? undefined);
    }
  }

  /**
   * Shows a past execution: its stored log and result, or, if it still runs, the stored log
   * followed by the live tail.
   */
  open(execution: ExecutionSummary): void {
    this.reset();
    this.markErrors = false;
    this.synchronousRun = false;
    this.variablesStatusState.set('running');
    this.executionIdState.set(execution.id);
    this.statusState.set(execution.status);
    this.progressState.set(execution.progress ?? null);
    this.startClock(time(execution.started_at) ?? time(execution.created_at) ?? Date.now());
    this.append(this.factory.status(`Execution ID: ${execution.id}`));
    this.append(this.factory.status(`Program: ${execution.program.split('\n', 1)[0]}`));
    this.append(this.factory.separator(isFinalStatus(execution.status) ? 'Stored Log' : 'Streaming Logs'));
    this.resume(execution.id, 0);
  }

  cancel(): void {
    if (!this.running() || this.cancellingState()) {
      return;
    }
    this.cancellingState.set(true);
    const id = this.executionIdState();
    if (this.synchronousRun) {
      // A synchronous run has no id to cancel: stop waiting for it.
      this.runSubscription?.unsubscribe();
      this.append(this.factory.status('Stopped waiting for the synchronous run.'));
      this.end('cancelled');
      return;
    }
    if (!id) {
      this.cancelRequested = true; // sent as soon as the execution id arrives
      return;
    }
    this.requestCancel(id);
  }

  /** Empties the output panel (not while a run writes to it). */
  clear(): void {
    if (!this.running()) {
      this.reset();
      this.statusState.set('idle');
    }
  }

  private runStreaming(program: string, debug?: DebugOptions): void {
    this.runSubscription = (debug ? this.executions.start(program, debug) : this.executions.start(program))
      .pipe(
        tap((id) => {
          this.executionIdState.set(id);
          this.statusState.set('running');
          this.append(this.factory.status(`Execution ID: ${id}`));
          this.append(this.factory.separator('Streaming Logs'));
          if (this.cancelRequested) {
            this.requestCancel(id);
          }
        }),
        switchMap((id) => this.logStream.stream(id)),
      )
      .subscribe({
        next: (event) => this.onStreamEvent(event),
        error: (error: unknown) => this.onStreamError(error),
      });
  }

  private runSynchronously(program: string): void {
    this.statusState.set('running');
    this.append(this.factory.status('Running synchronously (logs are not streamed)...'));
    this.runSubscription = this.executions.execute(program).subscribe({
      next: (outcome) => this.complete(outcome.ok ? 'succeeded' : 'failed', outcome),
      error: (error: unknown) => this.fail(error),
    });
  }

  private onStreamEvent(event: LogStreamEvent): void {
    switch (event.type) {
      case 'open':
        this.connectionState.set('open');
        this.reconnects = 0;
        break;
      case 'reconnecting':
        this.connectionState.set('reconnecting');
        break;
      case 'log':
        this.connectionState.set('open');
        this.appendEntry(event.entry);
        break;
      case 'status':
        if (this.running()) this.statusState.set(event.status);
        break;
      case 'progress':
        this.progressState.set(event.progress);
        break;
      case 'paused':
        this.debuggingState.set(true);
        this.pausedState.set(event.paused);
        this.debugBusyState.set(false);
        // The inspector shows what is visible where the run stopped.
        this.variablesState.set(event.paused.variables);
        this.variablesStatusState.set('ready');
        break;
      case 'resumed':
        this.pausedState.set(null);
        this.debugBusyState.set(false);
        break;
      case 'done':
        this.complete(event.done.status, this.outcomeOf(event.done));
        break;
    }
  }

  /**
   * The EventSource gave up (readyState CLOSED: the server or the network failed the
   * connection). Without an id the run never started; otherwise resume from the last entry.
   */
  private onStreamError(error: unknown): void {
    const id = this.executionIdState();
    if (!id || (error instanceof ApiError && error.status === 401)) {
      this.fail(error);
      return;
    }
    this.scheduleResume(id);
  }

  private scheduleResume(id: string): void {
    if (this.reconnects >= MAX_RECONNECTS) {
      this.fail(new ApiError({ code: 'STREAM_LOST', message: 'The log stream could not be re-established' }));
      return;
    }
    this.connectionState.set('reconnecting');
    this.runSubscription?.unsubscribe();
    this.runSubscription = timer(reconnectDelay(this.reconnects++)).subscribe(() => this.resume(id, this.lastSeq));
  }

  /**
   * Where does the run stand? Stored entries after `after` are appended; a finished run is
   * completed from its summary, a live one streams on from the last entry shown.
   */
  private resume(id: string, after: number): void {
    this.runSubscription?.unsubscribe();
    this.runSubscription = defer(() => this.history.get(id))
      .pipe(
        switchMap((summary) =>
          concat(
            this.history.logs(id, after).pipe(
              tap((entries) => entries.forEach((entry) => this.appendEntry(entry))),
              ignoreElements(),
            ),
            of(summary),
          ),
        ),
        switchMap((summary) => {
          if (summary.progress) this.progressState.set(summary.progress);
          if (isFinalStatus(summary.status)) {
            this.finishedAt.set(time(summary.finished_at) ?? Date.now());
            this.complete(summary.status, this.outcomeOfSummary(summary), summary);
            return EMPTY;
          }
          this.statusState.set(summary.status);
          return this.logStream.stream(id, { after: this.lastSeq });
        }),
      )
      .subscribe({
        next: (event) => this.onStreamEvent(event),
        error: (error: unknown) => {
          const status = ApiError.from(error).status;
          if (status === 401 || status === 404) {
            this.fail(error);
          } else {
            this.scheduleResume(id);
          }
        },
      });
  }

  private requestCancel(id: string): void {
    this.cancelRequested = false;
    this.executions.cancel(id).subscribe({
      // The stream's `done` event reports the final status and ends the run.
      error: (error: unknown) => {
        this.cancellingState.set(false);
        this.append(this.factory.error(`Cancel failed: ${ApiError.from(error).message}`));
      },
    });
  }

  private outcomeOf(done: DoneEvent): ExecutionOutcome | null {
    if (done.error) {
      return { ok: false, error: done.error };
    }
    if (done.status === 'succeeded') {
      return { ok: true, value: done.result };
    }
    return null;
  }

  private outcomeOfSummary(summary: ExecutionSummary): ExecutionOutcome | null {
    return this.outcomeOf({ status: summary.status, result: summary.result, error: summary.error });
  }

  /** `detail`, when the caller has it, already holds the variables; else they are fetched. */
  private complete(status: ExecutionStatus, outcome: ExecutionOutcome | null, detail?: ExecutionDetail): void {
    this.append(this.factory.separator('Execution Complete'));
    if (outcome?.ok) {
      this.append(this.factory.result(outcome.value));
    } else if (outcome) {
      this.showError(outcome.error);
    } else {
      this.append(this.factory.status(`Execution ${status.replace('_', ' ')}`));
    }
    this.end(status);
    this.inspect(detail, outcome?.executionId ?? this.executionIdState());
  }

  private inspect(detail: ExecutionDetail | undefined, id: string | null): void {
    if (detail) {
      this.showVariables(detail.variables);
    } else if (id) {
      this.variablesStatusState.set('loading');
      this.variablesSubscription = this.history.get(id).subscribe({
        next: (fetched) => this.showVariables(fetched.variables),
        error: () => this.showVariables(null),
      });
    } else {
      this.showVariables(null);
    }
  }

  private showVariables(variables: readonly VariableSnapshot[] | null | undefined): void {
    this.variablesState.set(variables ?? null);
    this.variablesStatusState.set(variables ? 'ready' : 'unavailable');
  }

  private fail(error: unknown): void {
    this.showError(ApiError.from(error).body);
    this.end('error');
  }

  private showError(error: ApiErrorBody): void {
    this.append(this.factory.error(error));
    if (this.markErrors && error.line !== undefined) {
      this.diagnosticState.set({ line: error.line, column: error.column, message: error.message });
    }
  }

  private end(status: RunStatus): void {
    this.flush();
    this.runSubscription?.unsubscribe();
    this.runSubscription = null;
    this.statusState.set(status);
    this.cancellingState.set(false);
    this.cancelRequested = false;
    this.connectionState.set('idle');
    this.pausedState.set(null);
    this.debugBusyState.set(false);
    if (this.finishedAt() === null && this.startedAt() !== null) this.finishedAt.set(Date.now());
    this.stopTicker();
    // No snapshot unless complete() finds one right after.
    this.showVariables(null);
  }

  private reset(): void {
    this.runSubscription?.unsubscribe();
    this.runSubscription = null;
    this.variablesSubscription?.unsubscribe();
    this.variablesSubscription = null;
    this.variablesState.set(null);
    this.variablesStatusState.set('idle');
    this.debuggingState.set(false);
    this.pausedState.set(null);
    this.debugBusyState.set(false);
    this.factory = new OutputLineFactory();
    this.buffer = new LineBuffer<OutputLine>();
    this.pending = [];
    this.linesState.set(this.buffer.snapshot());
    this.logCountState.set(0);
    this.lastSeq = 0;
    this.reconnects = 0;
    this.executionIdState.set(null);
    this.progressState.set(null);
    this.diagnosticState.set(null);
    this.cancellingState.set(false);
    this.cancelRequested = false;
    this.connectionState.set('idle');
    this.startedAt.set(null);
    this.finishedAt.set(null);
    this.stopTicker();
  }

  private startClock(start: number): void {
    this.startedAt.set(start);
    this.finishedAt.set(null);
    this.now.set(Date.now());
    this.stopTicker();
    this.ticker = setInterval(() => this.now.set(Date.now()), 100);
  }

  private stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  /** A log entry, once: entries at or below the last seq shown are repeats. */
  private appendEntry(entry: LogEntry): void {
    if (entry.seq <= this.lastSeq) return;
    this.lastSeq = entry.seq;
    this.append(this.factory.log(entry), true);
  }

  /** Log lines are batched per frame; anything else flushes them first, then itself. */
  private append(line: OutputLine, batched = false): void {
    this.pending.push(line);
    if (!batched) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      schedule(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length) {
      const added = this.pending;
      this.pending = [];
      let logs = 0;
      for (const line of added) {
        this.buffer.push(line);
        if (line.kind === 'log') logs++;
      }
      this.linesState.set(this.buffer.snapshot());
      this.logCountState.update((count) => count + logs);
    }
  }
}

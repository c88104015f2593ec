import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { ApiErrorBody, DoneEvent, ExecutionStatus, ProgressEvent as ExecutionProgress } from '@chariot/contract';
import {
  ApiError,
  ExecutionOutcome,
  ExecutionService,
  LogStreamEvent,
  LogStreamService,
  WorkspaceStateService,
} from '@chariot/charioteer-data-access';
import type { EditorDiagnostic } from '@chariot/charioteer-ui';
import { OutputLine, OutputLineFactory, RunStatus } from '@chariot/charioteer-util';
import { defer, EMPTY, expand, filter, map, Subscription, switchMap, take, tap, timer } from 'rxjs';

export type StreamConnection = 'idle' | 'open' | 'reconnecting' | 'polling';

/** How often the result is polled when the log stream is unavailable. */
export const RESULT_POLL_MS = 1000;

const ACTIVE: readonly RunStatus[] = ['starting', 'queued', 'running'];

/** Next frame (paused in background tabs: lines wait there, and `done` flushes them anyway). */
function schedule(flush: () => void): void {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(flush);
  } else {
    setTimeout(flush, 16);
  }
}

/**
 * State of the IDE's run: output lines, status, execution id, progress. One instance per IDE
 * page. Log lines arrive in bursts (replays, chatty scripts), so they are buffered and
 * appended once per frame; lifecycle lines flush the buffer first to keep the order.
 */
@Injectable()
export class IdeStore {
  private readonly executions = inject(ExecutionService);
  private readonly logStream = inject(LogStreamService);
  private readonly workspace = inject(WorkspaceStateService);

  private readonly linesState = signal<readonly OutputLine[]>([]);
  private readonly statusState = signal<RunStatus>('idle');
  private readonly executionIdState = signal<string | null>(null);
  private readonly progressState = signal<ExecutionProgress | null>(null);
  private readonly connectionState = signal<StreamConnection>('idle');
  private readonly diagnosticState = signal<EditorDiagnostic | null>(null);
  private readonly cancellingState = signal(false);
  private readonly logCountState = signal(0);

  readonly lines = this.linesState.asReadonly();
  readonly status = this.statusState.asReadonly();
  readonly executionId = this.executionIdState.asReadonly();
  readonly progress = this.progressState.asReadonly();
  readonly connection = this.connectionState.asReadonly();
  readonly diagnostic = this.diagnosticState.asReadonly();
  readonly cancelling = this.cancellingState.asReadonly();
  /** Log entries in the output, counted as they arrive (no scan of 100,000 lines). */
  readonly logCount = this.logCountState.asReadonly();
  readonly running = computed(() => ACTIVE.includes(this.statusState()));

  private factory = new OutputLineFactory();
  private pending: OutputLine[] = [];
  private flushScheduled = false;
  private runSubscription: Subscription | null = null;
  private cancelRequested = false;
  private synchronousRun = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.runSubscription?.unsubscribe());
  }

  /** Runs the editor's script: streamed (async + SSE) or plain synchronous, per the toggle. */
  run(): void {
    if (this.running()) {
      return;
    }
    this.reset();
    this.statusState.set('starting');
    this.append(this.factory.status('Starting execution...'));
    const program = this.workspace.script();
    this.synchronousRun = !this.workspace.streamLogs();
    if (this.synchronousRun) {
      this.runSynchronously(program);
    } else {
      this.runStreaming(program);
    }
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

  private runStreaming(program: string): void {
    this.runSubscription = this.executions
      .start(program)
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
        break;
      case 'reconnecting':
        this.connectionState.set('reconnecting');
        break;
      case 'log':
        this.connectionState.set('open');
        this.append(this.factory.log(event.entry), true);
        break;
      case 'status':
        if (this.running()) this.statusState.set(event.status);
        break;
      case 'progress':
        this.progressState.set(event.progress);
        break;
      case 'done':
        this.complete(event.done.status, this.outcomeOf(event.done));
        break;
    }
  }

  /**
   * The stream failed for good (the EventSource went CLOSED: 401, 404, server gone). If the
   * run was started, poll its result instead so the user still gets the outcome.
   */
  private onStreamError(error: unknown): void {
    const id = this.executionIdState();
    if (!id || (error instanceof ApiError && error.status === 401)) {
      this.fail(error);
      return;
    }
    this.connectionState.set('polling');
    this.append(this.factory.status('Log stream unavailable; waiting for the result...'));
    const poll = defer(() => this.executions.result(id));
    this.runSubscription = poll
      .pipe(
        expand((answer) => (answer.state === 'pending' ? timer(RESULT_POLL_MS).pipe(switchMap(() => poll)) : EMPTY)),
        filter((answer) => answer.state === 'done'),
        take(1),
        map((answer) => (answer.state === 'done' ? answer.outcome : null)),
      )
      .subscribe({
        next: (outcome) => outcome && this.complete(outcome.ok ? 'succeeded' : 'failed', outcome),
        error: (pollError: unknown) => this.fail(pollError),
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

  private complete(status: ExecutionStatus, outcome: ExecutionOutcome | null): void {
    this.append(this.factory.separator('Execution Complete'));
    if (outcome?.ok) {
      this.append(this.factory.result(outcome.value));
    } else if (outcome) {
      this.showError(outcome.error);
    } else {
      this.append(this.factory.status(`Execution ${status.replace('_', ' ')}`));
    }
    this.end(status);
  }

  private fail(error: unknown): void {
    this.showError(ApiError.from(error).body);
    this.end('error');
  }

  private showError(error: ApiErrorBody): void {
    this.append(this.factory.error(error));
    if (error.line !== undefined) {
      this.diagnosticState.set({ line: error.line, column: error.column, message: error.message });
    }
  }

  private end(status: RunStatus): void {
    this.flush();
    this.statusState.set(status);
    this.cancellingState.set(false);
    this.cancelRequested = false;
    this.connectionState.set('idle');
  }

  private reset(): void {
    this.runSubscription?.unsubscribe();
    this.runSubscription = null;
    this.factory = new OutputLineFactory();
    this.pending = [];
    this.linesState.set([]);
    this.logCountState.set(0);
    this.executionIdState.set(null);
    this.progressState.set(null);
    this.diagnosticState.set(null);
    this.cancellingState.set(false);
    this.cancelRequested = false;
    this.connectionState.set('idle');
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
      this.linesState.update((lines) => lines.concat(added));
      this.logCountState.update((count) => count + added.filter((line) => line.kind === 'log').length);
    }
  }
}

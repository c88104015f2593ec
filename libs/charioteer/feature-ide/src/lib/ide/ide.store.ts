import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type {
  ApiErrorBody,
  DebugAction,
  DebugOptions,
  DoneEvent,
  ExecutionDetail,
  ExecutionListItem,
  ExecutionStatus,
  ExecutionSummary,
} from '@chariot/contract';
import {
  ApiError,
  ExecutionOutcome,
  ExecutionService,
  HistoryService,
  LogStreamEvent,
  LogStreamService,
  WorkspaceStateService,
} from '@chariot/charioteer-data-access';
import type { EditorDiagnostic } from '@chariot/charioteer-ui';
import { concat, defer, EMPTY, ignoreElements, of, Subscription, switchMap, tap, timer } from 'rxjs';
import { DebugSession } from './run/debug-session';
import { DebugSettings } from './run/debug-settings';
import { LogReplay, ReplaySpeed } from './run/log-replay';
import { RunClock } from './run/run-clock';
import { RunInspector } from './run/run-inspector';
import { RunOutput } from './run/run-output';
import { waitForEnd } from './run/wait-for-end';
import {
  EndStatus,
  IDLE,
  isEndStatus,
  isLive,
  LiveRun,
  livePhaseOf,
  RunInfo,
  RunState,
  statusOf,
  withRun,
} from './run/run-state';

/** What a run is started with: the program, the saved file it came from, and whether it is the editor's. */
interface RunSource {
  program: string;
  file: string | null;
  /** Its errors point into the editor's text (so they are marked there). */
  fromEditor: boolean;
}

/** Delay before the n-th reconnect attempt after the stream closed for good (ms). */
export const reconnectDelay = (attempt: number): number => Math.min(500 * 2 ** attempt, 5000);
/** Attempts before giving up on a stream that keeps failing. */
export const MAX_RECONNECTS = 20;

const time = (iso: string | null | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);

const outcomeOf = (done: DoneEvent): ExecutionOutcome | null => {
  if (done.error) return { ok: false, error: done.error };
  return done.status === 'succeeded' ? { ok: true, value: done.result } : null;
};

/**
 * The run of the IDE page (one instance per page): starts it streamed (execute-async + SSE),
 * synchronously or under the debugger, follows it, cancels it, reopens past ones, and keeps
 * what it shows in one `RunState` value. The parts with a job of their own are its members:
 * `output` (the lines, batched per frame), `clock` (the elapsed time), `inspector` (the
 * variables) and `debugSession` (the actions sent to a paused run).
 *
 * A stream that drops is resumed from the last entry seen: the browser's own EventSource
 * retry (Last-Event-ID) first, and when the EventSource gives up, `resume()` asks the API
 * where the run stands, fetches the stored entries after the last one shown, and streams again
 * from there. The output drops entries it has shown already, so nothing is shown twice.
 */
@Injectable()
export class IdeStore {
  private readonly executions = inject(ExecutionService);
  private readonly logStream = inject(LogStreamService);
  private readonly history = inject(HistoryService);
  private readonly workspace = inject(WorkspaceStateService);

  private readonly stateSignal = signal<RunState>(IDLE);
  /** The run on screen: its phase and what goes with it. */
  readonly state = this.stateSignal.asReadonly();

  readonly output = new RunOutput();
  readonly clock = new RunClock();
  // An ended run's detail tells how many lines it dropped past its log cap.
  readonly inspector = new RunInspector(this.history, (detail) => this.output.dropped(detail.dropped_count));
  /** Breakpoint conditions, hit conditions, log messages and watches. */
  readonly debugSettings = new DebugSettings();
  /** A finished run's stored log played back at its own pace. */
  readonly replay = new LogReplay(
    (entry) => this.output.entry(entry),
    () => this.output.status('Replay finished'),
  );
  readonly debugSession = new DebugSession(
    this.executions,
    () => this.debugSettings.changes(this.workspace.breakpoints()),
    (message) => this.output.error(message),
  );

  // Views of `state` for the page.
  readonly status = computed(() => statusOf(this.state()));
  readonly running = computed(() => isLive(this.state()));
  readonly executionId = computed(() => this.info()?.executionId ?? null);
  readonly progress = computed(() => this.info()?.progress ?? null);
  readonly connection = computed(() => this.info()?.connection ?? 'idle');
  readonly cancelling = computed(() => this.live()?.cancelling ?? false);
  /** The current run was started under the debugger (or was seen paused). */
  readonly debugging = computed(() => this.live()?.debugging ?? false);
  /** Where a debugged run is paused, or null. */
  readonly paused = computed(() => {
    const state = this.state();
    return state.phase === 'paused' ? state.at : null;
  });
  /** The error of the last run started from the editor, for its marker there. */
  readonly diagnostic = computed(() => {
    const state = this.state();
    return state.phase === 'ended' ? state.diagnostic : null;
  });

  private runSubscription: Subscription | null = null;
  private reconnects = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.runSubscription?.unsubscribe();
      this.inspector.reset();
      this.clock.reset();
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
    const lines = this.workspace.breakpoints();
    const settings = this.debugSettings;
    this.begin({
      breakpoints: settings.breakpoints(lines),
      watches: [...settings.watches()],
      stopOnEntry: lines.length === 0,
    });
  }

  /**
   * Tells the paused run what to do next, with the breakpoints as they are now (set or cleared
   * while paused); the stream's `resumed` and `paused` frames follow.
   */
  step(action: DebugAction): void {
    const state = this.state();
    if (state.phase === 'paused' && state.run.executionId) this.debugSession.send(state.run.executionId, action);
  }

  /**
   * Shows a past execution: its stored log and result, or, if it still runs, the stored log
   * followed by the live tail.
   */
  open(execution: ExecutionSummary | ExecutionListItem): void {
    this.reset();
    const run: LiveRun = {
      ...this.newRun(false),
      executionId: execution.id,
      progress: execution.progress ?? null,
    };
    const phase = livePhaseOf(execution.status);
    this.stateSignal.set(
      phase ? { phase, run } : { phase: 'ended', run, status: this.endStatus(execution.status), diagnostic: null },
    );
    this.inspector.expect();
    this.clock.start(time(execution.started_at) ?? time(execution.created_at));
    this.output.status(`Execution ID: ${execution.id}`);
    const program = 'program' in execution ? execution.program : execution.program_preview;
    this.output.status(`Program: ${program.split('\n', 1)[0]}`);
    this.output.separator(phase ? 'Streaming Logs' : 'Stored Log');
    this.resume(execution.id, 0);
  }

  /**
   * Shows the execution an address names (a reload, a second tab, a link): as `open` does, once
   * the API has said where it stands; a paused debug session comes back paused, with its controls.
   */
  reattach(id: string): void {
    this.reset();
    this.runSubscription = this.history.get(id).subscribe({
      next: (execution) => this.open(execution),
      error: (error: unknown) => this.fail(error),
    });
  }

  /** Replays a finished execution's stored log in the output, at its own pace or faster. */
  replayRun(execution: ExecutionSummary | ExecutionListItem, speed: ReplaySpeed = this.replay.speed()): void {
    if (this.running()) return;
    this.reset();
    this.output.status(`Replaying execution ${execution.id} at its recorded pace`);
    this.replay.start(this.history.logs(execution.id), execution.entry_count, speed);
  }

  cancel(): void {
    const state = this.state();
    if (!isLive(state) || state.run.cancelling) return;
    this.patchLive({ cancelling: true });
    if (state.run.executionId) {
      this.requestCancel(state.run.executionId);
    } // else: sent as soon as the execution id arrives
  }

  /** Empties the output panel (not while a run writes to it). */
  clear(): void {
    if (!this.running()) this.reset();
  }

  /**
   * History's "Re-run": runs a past execution's whole program again (streamed or not, per the
   * toggle), recorded as coming from the same file; the editor keeps its text.
   */
  rerun(execution: { id: string }): void {
    if (this.running()) return;
    this.runSubscription?.unsubscribe();
    this.runSubscription = this.history.get(execution.id).subscribe({
      next: (past) => this.begin(null, { program: past.program, file: past.file ?? null, fromEditor: false }),
      error: (error: unknown) => this.fail(error),
    });
  }

  /** The editor's script, and the file it was opened from. */
  private editorSource(): RunSource {
    return { program: this.workspace.script(), file: this.workspace.fileName(), fromEditor: true };
  }

  private begin(debug: DebugOptions | null, { program, file, fromEditor }: RunSource = this.editorSource()): void {
    if (this.running()) return;
    this.reset();
    const synchronous = debug === null && !this.workspace.streamLogs();
    this.stateSignal.set({
      phase: 'starting',
      run: { ...this.newRun(fromEditor), synchronous, debugging: debug !== null },
    });
    this.inspector.expect();
    this.clock.start();
    this.output.status('Starting execution...');
    if (synchronous) {
      this.runSynchronously(program, file);
    } else {
      this.runStreaming(program, debug ?? undefined, file);
    }
  }

  private newRun(fromEditor: boolean): LiveRun {
    return {
      executionId: null,
      progress: null,
      connection: 'idle',
      fromEditor,
      synchronous: false,
      debugging: false,
      cancelling: false,
    };
  }

  private runStreaming(program: string, debug: DebugOptions | undefined, file: string | null): void {
    this.runSubscription = this.executions
      .start(program, debug, file ?? undefined)
      .pipe(
        tap((id) => {
          this.started(id);
          this.output.status(`Execution ID: ${id}`);
          this.output.separator('Streaming Logs');
        }),
        switchMap((id) => this.logStream.stream(id)),
      )
      .subscribe({
        next: (event) => this.onStreamEvent(event),
        error: (error: unknown) => this.onStreamError(error),
      });
  }

  /**
   * Stream Logs off: the plain synchronous run of the design, nothing shown until it ends, then
   * its stored log and its result. It is started with execute-async and waited for without a
   * stream (POST /api/execute names the execution only once it has ended, too late for Cancel
   * to stop it on the server).
   */
  private runSynchronously(program: string, file: string | null): void {
    this.enter('running');
    this.output.status('Running synchronously (logs are not streamed)...');
    this.runSubscription = this.executions
      .start(program, undefined, file ?? undefined)
      .pipe(
        tap((id) => this.started(id)),
        switchMap((id) =>
          waitForEnd(
            (execution) => this.history.get(execution),
            id,
            (phase) => this.enter(phase),
          ),
        ),
        switchMap((detail) => {
          let first = true;
          return concat(
            this.history.logs(detail.id, 0).pipe(
              tap((entries) => {
                if (first && entries.length) this.output.separator('Stored Log');
                first &&= !entries.length;
                entries.forEach((entry) => this.output.entry(entry));
              }),
              ignoreElements(),
            ),
            of(detail),
          );
        }),
      )
      .subscribe({
        next: (detail) =>
          this.complete(
            this.endStatus(detail.status),
            outcomeOf({ status: detail.status, result: detail.result, error: detail.error }),
            detail,
          ),
        error: (error: unknown) => this.fail(error),
      });
  }

  /** The API named the run: keep its id, and send a Cancel that was asked for before. */
  private started(id: string): void {
    const state = this.state();
    if (isLive(state)) this.stateSignal.set({ phase: 'running', run: { ...state.run, executionId: id } });
    if (this.cancelling()) this.requestCancel(id);
  }

  private onStreamEvent(event: LogStreamEvent): void {
    switch (event.type) {
      case 'open':
        this.patchRun({ connection: 'open' });
        this.reconnects = 0;
        break;
      case 'reconnecting':
        this.patchRun({ connection: 'reconnecting' });
        break;
      case 'log':
        // Once per connection, not per entry: a new state value for each of 100,000 lines shows.
        if (this.connection() !== 'open') this.patchRun({ connection: 'open' });
        this.output.entry(event.entry);
        break;
      case 'status': {
        // queued → running; the final status comes with `done`. A paused run stays paused.
        const phase = livePhaseOf(event.status);
        if (phase && !(phase === 'running' && this.paused())) this.enter(phase);
        break;
      }
      case 'progress':
        this.patchRun({ progress: event.progress });
        break;
      case 'paused': {
        const state = this.state();
        if (isLive(state))
          this.stateSignal.set({ phase: 'paused', run: { ...state.run, debugging: true }, at: event.paused });
        this.debugSession.settle();
        // The inspector shows what is visible where the run stopped.
        this.inspector.showPause(event.paused);
        this.clock.pause();
        break;
      }
      case 'resumed':
        if (this.paused()) this.enter('running');
        this.debugSession.settle();
        this.clock.resume();
        break;
      case 'done':
        this.complete(this.endStatus(event.done.status), outcomeOf(event.done));
        break;
    }
  }

  /**
   * The EventSource gave up (readyState CLOSED: the server or the network failed the
   * connection). Without an id the run never started; otherwise resume from the last entry.
   */
  private onStreamError(error: unknown): void {
    const id = this.executionId();
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
    this.patchRun({ connection: 'reconnecting' });
    this.runSubscription?.unsubscribe();
    this.runSubscription = timer(reconnectDelay(this.reconnects++)).subscribe(() =>
      this.resume(id, this.output.lastSeq),
    );
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
              tap((entries) => entries.forEach((entry) => this.output.entry(entry))),
              ignoreElements(),
            ),
            of(summary),
          ),
        ),
        switchMap((summary) => {
          if (summary.progress) this.patchRun({ progress: summary.progress });
          const phase = livePhaseOf(summary.status);
          if (!phase) {
            this.clock.stop(time(summary.finished_at));
            this.complete(
              this.endStatus(summary.status),
              outcomeOf({ status: summary.status, result: summary.result, error: summary.error }),
              summary,
            );
            return EMPTY;
          }
          if (!(phase === 'running' && this.paused())) this.enter(phase);
          return this.logStream.stream(id, { after: this.output.lastSeq });
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
    this.executions.cancel(id).subscribe({
      // The stream's `done` event reports the final status and ends the run.
      error: (error: unknown) => {
        this.patchLive({ cancelling: false });
        this.output.error(`Cancel failed: ${ApiError.from(error).message}`);
      },
    });
  }

  /** `detail`, when the caller has it, already holds the variables; else they are fetched. */
  private complete(status: EndStatus, outcome: ExecutionOutcome | null, detail?: ExecutionDetail): void {
    this.output.separator('Execution Complete');
    let diagnostic: EditorDiagnostic | null = null;
    if (outcome?.ok) {
      this.output.result(outcome.value);
    } else if (outcome) {
      diagnostic = this.showError(outcome.error);
    } else {
      this.output.status(`Execution ${status.replace('_', ' ')}`);
    }
    const id = outcome?.executionId ?? this.executionId();
    this.end(status, diagnostic);
    this.inspector.inspect(detail, id);
  }

  private fail(error: unknown): void {
    this.end('error', this.showError(ApiError.from(error).body));
  }

  /** Writes the error in the output; where it points into the editor's script, the marker for it. */
  private showError(error: ApiErrorBody): EditorDiagnostic | null {
    this.output.error(error);
    return this.info()?.fromEditor && error.line !== undefined
      ? { line: error.line, column: error.column, message: error.message }
      : null;
  }

  private end(status: EndStatus, diagnostic: EditorDiagnostic | null = null): void {
    this.output.flush();
    this.runSubscription?.unsubscribe();
    this.runSubscription = null;
    const info = this.info();
    const run: RunInfo = {
      executionId: info?.executionId ?? null,
      progress: info?.progress ?? null,
      connection: 'idle',
      fromEditor: info?.fromEditor ?? false,
    };
    this.stateSignal.set({ phase: 'ended', run, status, diagnostic });
    this.debugSession.settle();
    this.clock.stop();
    // No snapshot unless complete() finds one right after.
    this.inspector.show(null);
  }

  private reset(): void {
    this.runSubscription?.unsubscribe();
    this.runSubscription = null;
    this.replay.stop();
    this.reconnects = 0;
    this.output.clear();
    this.clock.reset();
    this.inspector.reset();
    this.debugSession.settle();
    this.stateSignal.set(IDLE);
  }

  /** A live run moves to `phase` (a paused one forgets where it was). */
  private enter(phase: 'queued' | 'running'): void {
    const state = this.state();
    if (isLive(state) && state.phase !== phase) this.stateSignal.set({ phase, run: state.run });
  }

  private patchRun(change: Partial<RunInfo>): void {
    const state = this.state();
    if (state.phase !== 'idle') this.stateSignal.set(withRun(state, change));
  }

  private patchLive(change: Partial<LiveRun>): void {
    const state = this.state();
    if (isLive(state)) this.stateSignal.set(withRun(state, change));
  }

  private info(): RunInfo | null {
    const state = this.state();
    return state.phase === 'idle' ? null : state.run;
  }

  private live(): LiveRun | null {
    const state = this.state();
    return isLive(state) ? state.run : null;
  }

  /** A `done` frame or a summary always carries a final status; anything else is the IDE's error. */
  private endStatus(status: ExecutionStatus): EndStatus {
    return isEndStatus(status) ? status : 'error';
  }
}

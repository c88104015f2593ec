import { TestBed } from '@angular/core/testing';
import {
  ApiError,
  ExecutionOutcome,
  ExecutionService,
  HistoryService,
  LogStreamEvent,
  LogStreamError,
  LogStreamService,
  ResultPoll,
  WorkspaceStateService,
} from '@chariot/charioteer-data-access';
import type { ExecutionDetail, LogEntry, VariableSnapshot } from '@chariot/contract';
import { viewToArray } from '@chariot/charioteer-util';
import { Observable, of, Subject, throwError } from 'rxjs';
import { IdeStore, reconnectDelay } from './ide.store';

describe('IdeStore', () => {
  let store: IdeStore;
  let workspace: WorkspaceStateService;
  let stream: Subject<LogStreamEvent>;
  let started: Subject<string>;
  const executions = {
    start: jest.fn<Observable<string>, [string, unknown?, string?]>(),
    execute: jest.fn<Observable<ExecutionOutcome>, [string]>(),
    result: jest.fn<Observable<ResultPoll>, [string]>(),
    cancel: jest.fn(),
    debug: jest.fn(),
  };
  const logStream = { stream: jest.fn<Observable<LogStreamEvent>, [string, { after?: number }?]>() };
  const history = {
    get: jest.fn<Observable<ExecutionDetail>, [string]>(),
    logs: jest.fn<Observable<LogEntry[]>, [string, number?]>(),
  };
  const ts = '2026-01-01T00:00:00.000Z';
  const texts = () =>
    viewToArray(store.output.lines()).map((line) => line.text.replace(/\d{2}:\d{2}:\d{2}\.\d{3}/, 'T'));

  beforeEach(() => {
    jest.useFakeTimers();
    sessionStorage.clear();
    localStorage.clear(); // the Stream Logs preference a test switched off stays off otherwise
    stream = new Subject();
    started = new Subject();
    jest.resetAllMocks();
    executions.start.mockReturnValue(started);
    logStream.stream.mockReturnValue(stream);
    executions.cancel.mockReturnValue(of('cancelled'));
    history.get.mockReturnValue(of({ variables: null } as ExecutionDetail));
    TestBed.configureTestingModule({
      providers: [
        IdeStore,
        { provide: ExecutionService, useValue: executions },
        { provide: LogStreamService, useValue: logStream },
        { provide: HistoryService, useValue: history },
      ],
    });
    store = TestBed.inject(IdeStore);
    workspace = TestBed.inject(WorkspaceStateService);
    workspace.script.set('logPrint("a")');
  });

  afterEach(() => jest.useRealTimers());

  it('records the file the editor opened with the run it starts', () => {
    workspace.load('report.ch', 'logPrint("r")', 3);
    store.run();
    expect(executions.start).toHaveBeenCalledWith('logPrint("r")', undefined, 'report.ch');
  });

  it("re-runs a past execution's whole program with its file, and leaves the editor's text alone", () => {
    history.get.mockReturnValue(
      of({ id: 'old', program: 'logPrint("whole")', file: 'job.ch', variables: null } as unknown as ExecutionDetail),
    );
    store.rerun({ id: 'old' });
    expect(history.get).toHaveBeenCalledWith('old');
    expect(executions.start).toHaveBeenCalledWith('logPrint("whole")', undefined, 'job.ch');
    expect(workspace.script()).toBe('logPrint("a")');
    expect(store.status()).toBe('starting');
  });

  it('streams a run: start, id, logs, completion and result, in order', () => {
    store.run();
    expect(store.status()).toBe('starting');
    expect(store.running()).toBe(true);
    expect(executions.start).toHaveBeenCalledWith('logPrint("a")', undefined, undefined);

    started.next('e1');
    expect(logStream.stream).toHaveBeenCalledWith('e1');
    expect(store.executionId()).toBe('e1');
    stream.next({ type: 'open' });
    stream.next({ type: 'status', status: 'running' });
    stream.next({ type: 'log', entry: { seq: 1, timestamp: ts, level: 'INFO', message: 'Starting test' } });
    stream.next({ type: 'log', entry: { seq: 2, timestamp: ts, level: 'WARN', message: 'hmm' } });
    stream.next({ type: 'done', done: { status: 'succeeded', result: 3 } });
    stream.complete();

    expect(texts()).toEqual([
      'Starting execution...',
      'Execution ID: e1',
      '--- Streaming Logs ---',
      '[INFO] T Starting test',
      '[WARN] T hmm',
      '--- Execution Complete ---',
      'Result: 3',
    ]);
    expect(store.status()).toBe('succeeded');
    expect(store.running()).toBe(false);
  });

  it('follows a queued run: queued while it waits (still cancellable), running once the stream says it started', () => {
    store.run();
    started.next('e1');
    stream.next({ type: 'status', status: 'queued' });
    expect(store.status()).toBe('queued');
    expect(store.running()).toBe(true);
    stream.next({ type: 'status', status: 'running' });
    expect(store.status()).toBe('running');
    stream.next({ type: 'done', done: { status: 'succeeded', result: 1 } });
    expect(store.status()).toBe('succeeded');
  });

  it('batches log lines into one update per frame', () => {
    store.run();
    started.next('e1');
    const before = store.output.lines();
    for (let seq = 1; seq <= 100; seq++) {
      stream.next({ type: 'log', entry: { seq, timestamp: ts, level: 'DEBUG', message: `m${seq}` } });
    }
    expect(store.output.lines()).toBe(before);
    jest.advanceTimersByTime(50);
    expect(viewToArray(store.output.lines()).filter((line) => line.kind === 'log')).toHaveLength(100);
    expect(store.output.logCount()).toBe(100);
  });

  it('shows a failed run with its error and marks the line in the editor', () => {
    store.run();
    started.next('e1');
    const error = { code: 'RUNTIME_ERROR', message: 'boom', line: 2, column: 3 };
    stream.next({ type: 'done', done: { status: 'failed', error } });
    expect(texts().slice(-2)).toEqual(['--- Execution Complete ---', 'Error: RUNTIME_ERROR: boom (line 2, column 3)']);
    expect(store.status()).toBe('failed');
    expect(store.diagnostic()).toEqual({ line: 2, column: 3, message: 'boom' });
  });

  it('tracks progress and reconnecting state', () => {
    store.run();
    started.next('e1');
    stream.next({ type: 'progress', progress: { percent: 30, message: 'x' } });
    stream.next({ type: 'reconnecting' });
    expect(store.progress()).toEqual({ percent: 30, message: 'x' });
    expect(store.connection()).toBe('reconnecting');
    stream.next({ type: 'open' });
    expect(store.connection()).toBe('open');
  });

  describe('with Stream Logs off (a plain synchronous run)', () => {
    const detail = (status: ExecutionDetail['status'], extra: Partial<ExecutionDetail> = {}) =>
      ({ id: 'e7', status, result: null, error: null, variables: null, ...extra }) as ExecutionDetail;

    beforeEach(() => workspace.streamLogs.set(false));

    it('waits for the end without a stream, then shows the stored log and the result', () => {
      history.get
        .mockReturnValueOnce(of(detail('queued')))
        .mockReturnValueOnce(of(detail('running')))
        .mockReturnValue(of(detail('succeeded', { result: 3 })));
      history.logs.mockReturnValue(of([{ seq: 1, timestamp: ts, level: 'INFO', message: 'Test' }]));
      store.run();
      started.next('e7');
      expect(logStream.stream).not.toHaveBeenCalled();
      expect(store.status()).toBe('queued');
      jest.advanceTimersByTime(100);
      expect(store.status()).toBe('running');
      expect(texts()).toEqual(['Starting execution...', 'Running synchronously (logs are not streamed)...']);
      jest.advanceTimersByTime(150);
      expect(history.logs).toHaveBeenCalledWith('e7', 0);
      expect(texts()).toEqual([
        'Starting execution...',
        'Running synchronously (logs are not streamed)...',
        '--- Stored Log ---',
        '[INFO] T Test',
        '--- Execution Complete ---',
        'Result: 3',
      ]);
      expect(store.status()).toBe('succeeded');
    });

    it('cancels on the server, also when Cancel comes before the run has an id', () => {
      history.get.mockReturnValue(of(detail('running')));
      history.logs.mockReturnValue(of([]));
      store.run();
      store.cancel();
      expect(executions.cancel).not.toHaveBeenCalled();
      started.next('e7');
      expect(executions.cancel).toHaveBeenCalledWith('e7');
      expect(store.running()).toBe(true);
      history.get.mockReturnValue(of(detail('cancelled')));
      jest.advanceTimersByTime(100);
      expect(store.status()).toBe('cancelled');
      expect(texts().at(-1)).toBe('Execution cancelled');
    });
  });

  it('cancels through the API; the done event ends the run', () => {
    store.run();
    started.next('e1');
    store.cancel();
    expect(executions.cancel).toHaveBeenCalledWith('e1');
    expect(store.cancelling()).toBe(true);
    stream.next({ type: 'done', done: { status: 'cancelled' } });
    expect(store.status()).toBe('cancelled');
    expect(store.cancelling()).toBe(false);
    expect(texts().slice(-2)).toEqual(['--- Execution Complete ---', 'Execution cancelled']);
  });

  it('sends a cancel requested before the execution id arrives as soon as it does', () => {
    store.run();
    store.cancel();
    expect(executions.cancel).not.toHaveBeenCalled();
    started.next('e1');
    expect(executions.cancel).toHaveBeenCalledWith('e1');
  });

  it('resumes a stream that failed from the last entry seen, without repeating one', () => {
    const entry = (seq: number): LogEntry => ({ seq, timestamp: ts, level: 'INFO', message: `m${seq}` });
    const summary = { id: 'e1', status: 'running' } as ExecutionDetail;
    const resumed = new Subject<LogStreamEvent>();
    history.get.mockReturnValue(of(summary));
    history.logs.mockReturnValue(of([entry(1), entry(2)]));
    store.run();
    started.next('e1');
    stream.next({ type: 'log', entry: entry(1) });
    logStream.stream.mockReturnValue(resumed);
    stream.error(new LogStreamError('closed'));
    expect(store.connection()).toBe('reconnecting');
    expect(history.get).not.toHaveBeenCalled();

    jest.advanceTimersByTime(reconnectDelay(0));
    expect(history.logs).toHaveBeenCalledWith('e1', 1);
    expect(logStream.stream).toHaveBeenLastCalledWith('e1', { after: 2 });
    resumed.next({ type: 'open' });
    resumed.next({ type: 'log', entry: entry(2) }); // a repeat: dropped
    resumed.next({ type: 'log', entry: entry(3) });
    resumed.next({ type: 'done', done: { status: 'succeeded', result: 'fine' } });
    expect(texts().filter((text) => text.startsWith('[INFO]'))).toEqual(['[INFO] T m1', '[INFO] T m2', '[INFO] T m3']);
    expect(texts().slice(-2)).toEqual(['--- Execution Complete ---', 'Result: "fine"']);
    expect(store.status()).toBe('succeeded');
    expect(store.connection()).toBe('idle');
  });

  it('reopens a finished execution from the history: stored log, then its result', () => {
    const summary = {
      id: 'e9',
      status: 'failed',
      program: 'logPrint("x")\nboom()',
      created_at: ts,
      started_at: ts,
      finished_at: '2026-01-01T00:00:02.000Z',
      error: { code: 'RUNTIME_ERROR', message: 'boom', line: 2, column: 1 },
      progress: { percent: 50, message: 'half' },
      variables: [{ name: 'x', type: 'S', value: 'y', truncated: false, scope: 'program' }],
    } as ExecutionDetail;
    history.get.mockReturnValue(of(summary));
    history.logs.mockReturnValue(of([{ seq: 1, timestamp: ts, level: 'WARN', message: 'x' }]));
    store.open(summary);
    expect(texts()).toEqual([
      'Execution ID: e9',
      'Program: logPrint("x")',
      '--- Stored Log ---',
      '[WARN] T x',
      '--- Execution Complete ---',
      'Error: RUNTIME_ERROR: boom (line 2, column 1)',
    ]);
    expect(store.status()).toBe('failed');
    expect(store.progress()).toEqual({ percent: 50, message: 'half' });
    expect(store.clock.elapsed()).toBe(2000);
    expect(store.diagnostic()).toBeNull(); // the editor may hold another program
    expect(store.inspector.status()).toBe('ready');
    expect(store.inspector.variables()).toEqual([expect.objectContaining({ name: 'x' })]);
    expect(history.get).toHaveBeenCalledTimes(1); // the detail that completed it carried them
  });

  describe('runtime inspector', () => {
    const total: VariableSnapshot = { name: 'total', type: 'N', value: '3', truncated: false, scope: 'program' };

    it('fetches the variables of a streamed run once it is done, and forgets them on the next run', () => {
      const detail = new Subject<ExecutionDetail>();
      history.get.mockReturnValue(detail);
      store.run();
      expect(store.inspector.status()).toBe('running');
      started.next('e1');
      expect(history.get).not.toHaveBeenCalled();
      stream.next({ type: 'done', done: { status: 'succeeded', result: 3 } });
      expect(history.get).toHaveBeenCalledWith('e1');
      expect(store.inspector.status()).toBe('loading');
      detail.next({ variables: [total] } as ExecutionDetail);
      expect(store.inspector.status()).toBe('ready');
      expect(store.inspector.variables()).toEqual([total]);

      store.run();
      expect(store.inspector.variables()).toBeNull();
      expect(store.inspector.status()).toBe('running');
    });

    it('shows what a synchronous run left from its detail', () => {
      history.get.mockReturnValue(
        of({ id: 'e5', status: 'succeeded', result: 3, variables: [total] } as ExecutionDetail),
      );
      history.logs.mockReturnValue(of([]));
      workspace.streamLogs.set(false);
      store.run();
      started.next('e5');
      expect(history.get).toHaveBeenCalledWith('e5');
      expect(store.inspector.variables()).toEqual([total]);
      expect(store.executionId()).toBe('e5');
    });

    it('says none were captured for a stopped run or when the detail cannot be read', () => {
      store.run();
      started.next('e1');
      stream.next({ type: 'done', done: { status: 'cancelled' } });
      expect(store.inspector.status()).toBe('unavailable');

      history.get.mockReturnValue(throwError(() => new ApiError({ code: 'NOT_FOUND', message: 'gone' }, 404)));
      store.run();
      started.next('e2');
      stream.next({ type: 'done', done: { status: 'succeeded', result: 1 } });
      expect(store.inspector.status()).toBe('unavailable');
      expect(store.inspector.variables()).toBeNull();
    });
  });

  it('reports a start that the API refused', () => {
    executions.start.mockReturnValue(
      throwError(() => new ApiError({ code: 'VALIDATION_FAILED', message: 'empty' }, 400)),
    );
    store.run();
    expect(texts().at(-1)).toBe('Error: VALIDATION_FAILED: empty');
    expect(store.status()).toBe('error');
  });

  it('ignores Run while a run is active and clears only when idle', () => {
    store.run();
    store.run();
    expect(executions.start).toHaveBeenCalledTimes(1);
    store.clear();
    expect(store.output.lines()).not.toHaveLength(0);
    started.next('e1');
    stream.next({ type: 'done', done: { status: 'succeeded', result: null } });
    store.clear();
    expect(store.output.lines()).toHaveLength(0);
    expect(store.status()).toBe('idle');
  });

  describe('debugger', () => {
    const paused = (line: number) => ({
      line,
      column: 1,
      depth: 0,
      variables: [{ name: 'i', type: 'N', value: String(line), truncated: false, scope: 'program' as const }],
    });

    it('starts a streamed run with the breakpoints, whatever the Stream Logs toggle says', () => {
      workspace.streamLogs.set(false);
      workspace.breakpoints.set([2, 4]);
      store.debug();
      expect(executions.start).toHaveBeenCalledWith(
        'logPrint("a")',
        { breakpoints: [2, 4], watches: [], stopOnEntry: false },
        undefined,
      );
      expect(executions.execute).not.toHaveBeenCalled();
      expect(store.debugging()).toBe(true);
    });

    it('stops on the first line when no breakpoint is set', () => {
      workspace.breakpoints.set([]);
      store.debug();
      expect(executions.start).toHaveBeenCalledWith(
        'logPrint("a")',
        { breakpoints: [], watches: [], stopOnEntry: true },
        undefined,
      );
    });

    it("starts with the breakpoints' conditions and the watches, sends them with each action, and shows the chosen frame's variables", () => {
      workspace.breakpoints.set([2, 4]);
      store.debugSettings.setOptions({ line: 4, options: { condition: 'i > 1', hitCondition: '%2' } });
      store.debugSettings.watches.set(['i * 2']);
      store.debug();
      const sent = { breakpoints: [2, { line: 4, condition: 'i > 1', hitCondition: '%2' }], watches: ['i * 2'] };
      expect(executions.start).toHaveBeenCalledWith('logPrint("a")', { ...sent, stopOnEntry: false }, undefined);
      executions.debug.mockReturnValue(of(undefined));
      started.next('d1');
      const frames = [
        {
          name: 'f',
          line: 4,
          column: 1,
          depth: 1,
          variables: [{ name: 'n', type: 'N', value: '1', truncated: false, scope: 'local' as const }],
        },
        {
          name: 'main',
          line: 9,
          column: 1,
          depth: 0,
          variables: [{ name: 'i', type: 'N', value: '2', truncated: false, scope: 'program' as const }],
        },
      ];
      stream.next({
        type: 'paused',
        paused: { line: 4, column: 1, depth: 1, variables: frames[0].variables, frames, watches: [] },
      });
      store.inspector.selectFrame(1);
      expect([store.inspector.selectedFrame(), store.inspector.variables()]).toEqual([1, frames[1].variables]);
      store.step('continue');
      expect(executions.debug).toHaveBeenCalledWith('d1', 'continue', sent);
    });

    it('shows a pause with its variables, sends the chosen action once, and clears the pause on resume', () => {
      executions.debug.mockReturnValue(of(undefined));
      store.debug();
      started.next('d1');
      stream.next({ type: 'paused', paused: paused(2) });
      expect(store.paused()).toEqual(paused(2));
      expect(store.inspector.variables()).toEqual(paused(2).variables);
      expect(store.inspector.status()).toBe('ready');

      workspace.breakpoints.set([5]); // set while paused: goes along with the action
      store.step('step_over');
      store.step('step_over'); // still waiting for the run to answer: not sent twice
      expect(executions.debug).toHaveBeenCalledTimes(1);
      expect(executions.debug).toHaveBeenCalledWith('d1', 'step_over', { breakpoints: [5], watches: [] });
      expect(store.debugSession.busy()).toBe(true);

      stream.next({ type: 'resumed', resumed: { action: 'step_over' } });
      expect(store.paused()).toBeNull();
      expect(store.debugSession.busy()).toBe(false);
      stream.next({ type: 'paused', paused: paused(3) });
      expect(store.paused()?.line).toBe(3);

      stream.next({ type: 'done', done: { status: 'succeeded', result: 1 } });
      expect(store.paused()).toBeNull();
      expect(store.running()).toBe(false);
    });

    it('goes through one state per phase, and holds the clock while paused', () => {
      store.debug();
      expect(store.state().phase).toBe('starting');
      started.next('d1');
      expect(store.state()).toMatchObject({ phase: 'running', run: { executionId: 'd1', debugging: true } });
      jest.advanceTimersByTime(300);
      stream.next({ type: 'paused', paused: paused(2) });
      expect(store.state()).toMatchObject({ phase: 'paused', at: { line: 2 } });
      expect(store.status()).toBe('paused'); // the badge says where it is held
      jest.advanceTimersByTime(5000);
      expect(store.clock.elapsed()).toBe(300);

      stream.next({ type: 'status', status: 'running' }); // a reconnect's first frame: still paused
      expect(store.state().phase).toBe('paused');
      stream.next({ type: 'resumed', resumed: { action: 'continue' } });
      expect(store.state().phase).toBe('running');
      jest.advanceTimersByTime(200);
      expect(store.clock.elapsed()).toBe(500);
      stream.next({ type: 'done', done: { status: 'succeeded', result: 1 } });
      expect(store.state()).toMatchObject({ phase: 'ended', status: 'succeeded', run: { executionId: 'd1' } });
    });

    it('reports an action the server refused and lets the user try again', () => {
      executions.debug.mockReturnValue(
        throwError(() => new ApiError({ code: 'NOT_PAUSED', message: 'The execution is not paused' }, 409)),
      );
      store.debug();
      started.next('d1');
      stream.next({ type: 'paused', paused: paused(1) });
      store.step('continue');
      expect(texts().at(-1)).toBe('Error: Debugger: The execution is not paused');
      expect(store.debugSession.busy()).toBe(false);
    });

    it('ignores actions while the run is not paused', () => {
      store.debug();
      started.next('d1');
      store.step('continue');
      expect(executions.debug).not.toHaveBeenCalled();
    });
  });
});

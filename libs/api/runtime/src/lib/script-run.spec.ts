import { expect } from '@jest/globals';
import { Worker, WorkerOptions } from 'node:worker_threads';
import { join, resolve } from 'node:path';
import { DebugOptions, LogLevel, PausedEvent } from '@chariot/contract';
import { ExecutorPool } from './executor-pool';
import { RunLimits, RunOutcome, ScriptRun } from './script-run';

// Runs the executor thread from its TypeScript source through @swc-node/register, with the
// workspace's path aliases, so this spec exercises real threads and the real language.
const workspaceRoot = resolve(__dirname, '../../../../..');
const sourceWorker = (options: WorkerOptions) =>
  new Worker(join(__dirname, 'executor/executor.worker.ts'), {
    ...options,
    execArgv: ['--require', '@swc-node/register'],
    env: { ...process.env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json') },
  });

const limits = (over: Partial<RunLimits> = {}): RunLimits => ({
  timeoutMs: 20_000,
  pauseTimeoutMs: 20_000,
  totalPauseMs: 60_000,
  memoryMb: 64,
  maxLogEntries: 1000,
  maxLogBytes: 1_000_000,
  maxResultBytes: 1_048_576,
  maxMessageBytes: 8192,
  language: {},
  ...over,
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

/** until(), failing with the outcome when the run ends first (instead of waiting for the test timeout). */
async function untilOrEnded(script: ScriptRun, check: () => boolean): Promise<void> {
  let ended: unknown;
  void script.outcome.then((outcome) => (ended = outcome));
  while (!check()) {
    if (ended !== undefined) throw new Error(`the run ended before the condition held: ${JSON.stringify(ended)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ScriptRun on executor threads', () => {
  jest.setTimeout(60_000);
  // One thread: every run of this suite shares it, as thousands do on a server.
  let pool: ExecutorPool;
  beforeAll(() => (pool = new ExecutorPool(sourceWorker, 1, 512)));
  afterAll(() => pool.close());

  function run(program: string, over: Partial<RunLimits> = {}, debug?: DebugOptions, on: ExecutorPool = pool) {
    const logs: { level: LogLevel; message: string; at: number }[] = [];
    const progress: { percent: number; message: string }[] = [];
    const events: string[] = [];
    const pauses: PausedEvent[] = [];
    const script = on.start(
      { program, limits: limits(over), env: { GREETING: 'hello' }, debug },
      {
        log: (level, message) => {
          logs.push({ level, message, at: Date.now() });
          events.push(`log ${message}`);
        },
        progress: (percent, message) => progress.push({ percent, message }),
        paused: (event) => {
          pauses.push(event);
          events.push(`paused ${event.line}`);
        },
        resumed: (action) => events.push(`resumed ${action}`),
      },
    );
    return { script, logs, progress, events, pauses };
  }

  it('runs the seed script and reports its logs in order and its value', async () => {
    const { script, logs } = run(
      'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete"); x',
    );
    const outcome = await script.outcome;
    expect(outcome).toMatchObject({ status: 'succeeded', value: 3 });
    expect(outcome.variables).toEqual([{ name: 'x', type: 'N', value: '3', truncated: false, scope: 'program' }]);
    expect(logs.map((l) => [l.level, l.message])).toEqual([
      ['INFO', 'Starting test'],
      ['INFO', 'Result is: 3'],
      ['INFO', 'Test complete'],
    ]);
  });

  it('delivers a log line while the script is still sleeping, and reads only allowed env', async () => {
    const { script, logs } = run('logPrint(getEnv("GREETING")); sleep(1500); logPrint("second")');
    await untilOrEnded(script, () => logs.length > 0);
    expect(logs.map((l) => l.message)).toEqual(['hello']);
    await script.outcome;
    expect(logs.map((l) => l.message)).toEqual(['hello', 'second']);
    expect(logs[1].at - logs[0].at).toBeGreaterThanOrEqual(1400);
  });

  it('reports progress after the lines logged before it', async () => {
    const { script, events, progress } = run('logPrint("a"); progress(50, "half"); logPrint("b")');
    await script.outcome;
    expect(progress).toEqual([{ percent: 50, message: 'half' }]);
    expect(events).toEqual(['log a', 'log b']);
  });

  it('reports the variables a failing script had defined, cut at the preview length', async () => {
    const outcome = await run("declareGlobal(g, 'S', repeat('ab', 600)); setq(a, 'x'); div(1, 0)").script.outcome;
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'RUNTIME_ERROR', function: 'div' } });
    expect(outcome.variables).toEqual([
      { name: 'g', type: 'S', value: 'ab'.repeat(500), truncated: true, scope: 'global' },
      { name: 'a', type: 'S', value: 'x', truncated: false, scope: 'program' },
    ]);
  });

  it('reports a syntax error with its position as failed', async () => {
    const outcome = await run('logPrint("a")\nsetq(x, ').script.outcome;
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'succeeded') {
      expect(outcome.error.code).toMatch(/SYNTAX/);
      expect(outcome.error.line).toBe(2);
    }
    expect(outcome.variables).toEqual([]);
  });

  it('times out a runaway loop without ending its thread', async () => {
    const neighbour = run('sleep(1500); "still here"');
    const outcome = await run('setq(i, 0) while(true) {}', {
      timeoutMs: 1000,
      language: { maxSteps: Number.MAX_SAFE_INTEGER },
    }).script.outcome;
    expect(outcome).toMatchObject({ status: 'timed_out', error: { code: 'TIMED_OUT' } });
    expect(outcome.variables).toBeNull();
    expect(await neighbour.script.outcome).toMatchObject({ status: 'succeeded', value: 'still here' });
  });

  it('cancels a sleeping script and a computing one promptly', async () => {
    const sleeping = run('setq(i, 1) sleep(30000)');
    const computing = run('progress(1, "computing"); while(true) {}', {
      language: { maxSteps: Number.MAX_SAFE_INTEGER },
    });
    await untilOrEnded(computing.script, () => computing.progress.length > 0);
    const asked = Date.now();
    sleeping.script.stop('cancelled');
    computing.script.stop('cancelled');
    for (const outcome of await Promise.all([sleeping.script.outcome, computing.script.outcome])) {
      expect(outcome).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' }, variables: null });
    }
    // the grace period after which a thread is replaced is 10 s: these ended well before
    expect(Date.now() - asked).toBeLessThan(5000);
  });

  it('cancels a run computing inside a builtin callback, where it cannot yield, without replacing its thread', async () => {
    // The event loop of its thread does not turn meanwhile: the stop comes through the control
    // counter its checkpoints read. Progress is posted at once, not at the end of a turn.
    const { script, progress } = run('progress(1, "in"); apply(func(x) { while (true) {} }, [1])', {
      language: { maxSteps: Number.MAX_SAFE_INTEGER },
    });
    await untilOrEnded(script, () => progress.length > 0);
    const asked = Date.now();
    script.stop('cancelled');
    expect(await script.outcome).toMatchObject({ status: 'cancelled' });
    expect(Date.now() - asked).toBeLessThan(5000);
    expect(await run('"next"').script.outcome).toMatchObject({ status: 'succeeded', value: 'next' });
    expect(pool.size).toBe(1);
  });

  it('ends a memory bomb with MEMORY_LIMIT while its neighbour on the same thread finishes', async () => {
    const program = 'setq(a, array()) while(true) { addTo(a, repeat("x", 10000)) }';
    const neighbour = run('let s = 0; let i = 0; while (i < 300000) { s = s + i; i = i + 1 }; s');
    const outcome = await run(program, {
      memoryMb: 32,
      language: { maxSteps: Number.MAX_SAFE_INTEGER, maxArrayLength: Number.MAX_SAFE_INTEGER },
    }).script.outcome;
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'MEMORY_LIMIT' } });
    expect(await neighbour.script.outcome).toMatchObject({ status: 'succeeded', value: 44999850000 });
  });

  it('caps the log with one extra truncation notice and counts the rest', async () => {
    const { script, logs } = run('setq(i, 0) while(smaller(i, 50)) { logPrint(i) setq(i, add(i, 1)) }', {
      maxLogEntries: 10,
    });
    const outcome = await script.outcome;
    expect(outcome.status).toBe('succeeded');
    expect(logs).toHaveLength(11);
    expect(logs[9]).toMatchObject({ level: 'INFO', message: '9' });
    expect(logs[10]).toMatchObject({ level: 'WARN', message: expect.stringContaining('Log limit reached') });
    expect(outcome.droppedEntries).toBe(40);
  });

  it('keeps every line of a script that logs exactly the cap, with no notice', async () => {
    const { script, logs } = run('setq(i, 0) while(smaller(i, 10)) { logPrint(i) setq(i, add(i, 1)) }', {
      maxLogEntries: 10,
    });
    expect(await script.outcome).toMatchObject({ status: 'succeeded', droppedEntries: 0 });
    expect(logs.map((l) => l.message)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('delivers a log flood in order and complete through the flow-controlled pipe', async () => {
    const { script, logs } = run('setq(i, 0) while(smaller(i, 20000)) { logPrint(i) setq(i, add(i, 1)) }', {
      maxLogEntries: 30_000,
    });
    expect(await script.outcome).toMatchObject({ status: 'succeeded' });
    expect(logs).toHaveLength(20_000);
    expect(logs.every((l, i) => l.message === String(i))).toBe(true);
  });

  it('runs 300 executions side by side on one thread, each with its own variables and log', async () => {
    const runs = Array.from({ length: 300 }, (_, n) =>
      run(
        `let me = ${n}; registerFunction('who', func() { me }); logPrint("a" + me); sleep(200); logPrint("b" + who()); me`,
      ),
    );
    const outcomes = await Promise.all(runs.map((r) => r.script.outcome));
    outcomes.forEach((outcome, n) => expect(outcome).toMatchObject({ status: 'succeeded', value: n }));
    runs.forEach((r, n) => expect(r.logs.map((l) => l.message)).toEqual([`a${n}`, `b${n}`]));
  });

  describe('under the debugger', () => {
    const LOOP = 'let i = 0\nwhile (i < 2) {\n  logPrint("at " + i)\n  i = i + 1\n}\ni';

    it('pauses after the lines logged before, and goes on with the action given', async () => {
      const { script, events, pauses } = run(LOOP, {}, { breakpoints: [4] });
      await untilOrEnded(script, () => pauses.length === 1);
      expect(script.pausedAt).toMatchObject({ line: 4, depth: 0 });
      expect(pauses[0].variables).toEqual([{ name: 'i', type: 'N', value: '0', truncated: false, scope: 'program' }]);
      expect(script.resume('continue')).toBe(true);
      expect(script.resume('continue')).toBe(false);
      await untilOrEnded(script, () => pauses.length === 2);
      script.resume('continue');
      expect(await script.outcome).toMatchObject({ status: 'succeeded', value: 2 });
      expect(events).toEqual(['log at 0', 'paused 4', 'resumed continue', 'log at 1', 'paused 4', 'resumed continue']);
      expect(script.resume('step')).toBe(false);
    });

    it('takes breakpoints changed with the action', async () => {
      const { script, pauses } = run(LOOP, {}, { breakpoints: [4] });
      await untilOrEnded(script, () => pauses.length === 1);
      script.resume('continue', []);
      expect(await script.outcome).toMatchObject({ status: 'succeeded', value: 2 });
      expect(pauses).toHaveLength(1);
    });

    it('keeps 50 paused sessions while ordinary runs go on beside them', async () => {
      const sessions = Array.from({ length: 50 }, () => run(LOOP, {}, { breakpoints: [], stopOnEntry: true }));
      await until(() => sessions.every((s) => s.pauses.length === 1));
      const ordinary = await Promise.all(Array.from({ length: 20 }, (_, n) => run(`${n} * 2`).script.outcome));
      ordinary.forEach((outcome, n) => expect(outcome).toMatchObject({ status: 'succeeded', value: n * 2 }));
      for (const s of sessions) s.script.resume('continue');
      for (const outcome of await Promise.all(sessions.map((s) => s.script.outcome)))
        expect(outcome).toMatchObject({ status: 'succeeded', value: 2 });
    });

    it('cancels a paused script promptly', async () => {
      const { script, pauses } = run(LOOP, {}, { breakpoints: [], stopOnEntry: true });
      await untilOrEnded(script, () => pauses.length === 1);
      const asked = Date.now();
      script.stop('cancelled');
      expect(await script.outcome).toMatchObject({ status: 'cancelled' });
      expect(Date.now() - asked).toBeLessThan(5000);
    });

    it('holds the wall clock while paused', async () => {
      // The pause lasts longer than what is left of the budget, so the run times out unless
      // the clock stands still while paused.
      const timeoutMs = 3000;
      const startedAt = Date.now();
      const { script, pauses } = run(LOOP, { timeoutMs }, { breakpoints: [1] });
      await untilOrEnded(script, () => pauses.length === 1);
      const leftOfBudget = timeoutMs - (Date.now() - startedAt);
      await new Promise((r) => setTimeout(r, leftOfBudget + 500));
      script.resume('continue');
      expect(await script.outcome).toMatchObject({ status: 'succeeded' });
    });

    it('ends a pause longer than the pause limit as timed out', async () => {
      const { script } = run(LOOP, { pauseTimeoutMs: 500 }, { breakpoints: [1] });
      const outcome = await script.outcome;
      expect(outcome).toMatchObject({
        status: 'timed_out',
        error: { code: 'TIMED_OUT', message: expect.stringContaining('paused longer than 500 ms') },
      });
    });

    it('ends a run whose pauses together pass the pause budget, however often it steps', async () => {
      const steps = 'let i = 0\nwhile (i < 1000) {\n  i = i + 1\n}\ni';
      const { script, pauses } = run(
        steps,
        { pauseTimeoutMs: 10_000, totalPauseMs: 1500 },
        { breakpoints: [], stopOnEntry: true },
      );
      let outcome: RunOutcome | undefined;
      void script.outcome.then((o) => (outcome = o));
      // each pause is short, far under the single-pause limit; only their sum passes the budget
      while (!outcome) {
        await new Promise((r) => setTimeout(r, 200));
        script.resume('step');
      }
      expect(outcome).toMatchObject({
        status: 'timed_out',
        error: { code: 'PAUSE_BUDGET_EXCEEDED', message: expect.stringContaining('DEBUG_TOTAL_PAUSE_MS') },
      });
      expect(pauses.length).toBeGreaterThan(3);
    });

    it('ends a stopped run with the error it was stopped with', async () => {
      const { script } = run('sleep(10000)');
      await new Promise((r) => setTimeout(r, 100));
      script.stop('failed', { code: 'LOG_STORAGE_FAILED', message: 'the log could not be stored' });
      expect(await script.outcome).toMatchObject({
        status: 'failed',
        error: { code: 'LOG_STORAGE_FAILED' },
        variables: null,
      });
    });
  });

  it('ends only the executions of a thread that dies, with EXECUTOR_CRASHED, and replaces the thread', async () => {
    // A thread heap smaller than what one execution may hold: V8 itself runs out of memory.
    const fragile = new ExecutorPool(sourceWorker, 1, 64);
    try {
      const sleeper = run('logPrint("before"); sleep(30000)', {}, undefined, fragile);
      await untilOrEnded(sleeper.script, () => sleeper.logs.length === 1);
      const bomb = 'let a = array(); while (true) { addTo(a, [random(), random(), random()]) }';
      const crashing = run(
        bomb,
        {
          memoryMb: 1_000_000,
          language: { maxSteps: Number.MAX_SAFE_INTEGER, maxArrayLength: Number.MAX_SAFE_INTEGER },
        },
        undefined,
        fragile,
      );
      const outcomes: RunOutcome[] = await Promise.all([crashing.script.outcome, sleeper.script.outcome]);
      for (const outcome of outcomes)
        expect(outcome).toMatchObject({ status: 'failed', error: { code: 'EXECUTOR_CRASHED' }, variables: null });
      expect(sleeper.logs.map((l) => l.message)).toEqual(['before']);
      // the replacement thread runs the next execution
      expect(await run('1 + 2', {}, undefined, fragile).script.outcome).toMatchObject({
        status: 'succeeded',
        value: 3,
      });
      expect(fragile.size).toBe(1);
    } finally {
      fragile.close();
    }
  });
});

import { Worker, WorkerOptions } from 'node:worker_threads';
import { join, resolve } from 'node:path';
import { DebugOptions, LogLevel, PausedEvent } from '@chariot/contract';
import { RunLimits, ScriptRun } from './script-runner';

// Runs the worker from its TypeScript source through @swc-node/register, with the
// workspace's path aliases, so this spec exercises the real thread and the real language.
const workspaceRoot = resolve(__dirname, '../../../../..');
const sourceWorker = (options: WorkerOptions) =>
  new Worker(join(__dirname, 'worker/script.worker.ts'), {
    ...options,
    execArgv: ['--require', '@swc-node/register'],
    env: { ...process.env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json') },
  });

const limits = (over: Partial<RunLimits> = {}): RunLimits => ({
  timeoutMs: 20_000,
  pauseTimeoutMs: 20_000,
  memoryMb: 128,
  maxLogEntries: 1000,
  maxLogBytes: 1_000_000,
  language: {},
  ...over,
});

function run(program: string, over: Partial<RunLimits> = {}, debug?: DebugOptions) {
  const logs: { level: LogLevel; message: string; at: number }[] = [];
  const progress: { percent: number; message: string }[] = [];
  const events: string[] = [];
  const pauses: PausedEvent[] = [];
  const runLimits = limits(over);
  const script = new ScriptRun(
    { program, limits: runLimits, env: { GREETING: 'hello' }, debug },
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
    sourceWorker({ resourceLimits: { maxOldGenerationSizeMb: runLimits.memoryMb, maxYoungGenerationSizeMb: 32 }, stdout: true, stderr: true }),
  );
  return { script, logs, progress, events, pauses };
}

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

describe('ScriptRun', () => {
  jest.setTimeout(60_000);

  it('runs the seed script and reports its logs in order and its value', async () => {
    const { script, logs } = run('logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete"); x');
    const outcome = await script.outcome;
    expect(outcome).toMatchObject({ status: 'succeeded', value: 3 });
    expect(outcome.variables).toEqual([{ name: 'x', type: 'N', value: '3', truncated: false, scope: 'program' }]);
    expect(logs.map((l) => [l.level, l.message])).toEqual([
      ['INFO', 'Starting test'],
      ['INFO', 'Result is: 3'],
      ['INFO', 'Test complete'],
    ]);
  });

  it('delivers a log line while the script is still sleeping', async () => {
    const { script, logs } = run('logPrint("first"); sleep(1500); logPrint("second")');
    while (logs.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(logs.map((l) => l.message)).toEqual(['first']);
    await script.outcome;
    expect(logs.map((l) => l.message)).toEqual(['first', 'second']);
    expect(logs[1].at - logs[0].at).toBeGreaterThanOrEqual(1400);
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

  it('times out a runaway loop', async () => {
    const started = Date.now();
    const outcome = await run('setq(i, 0) while(true) {}', { timeoutMs: 1000, language: { maxSteps: Number.MAX_SAFE_INTEGER } }).script.outcome;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.variables).toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('cancels a sleeping script promptly', async () => {
    const { script } = run('setq(i, 1) sleep(30000)');
    await new Promise((r) => setTimeout(r, 500));
    const asked = Date.now();
    script.stop('cancelled');
    const outcome = await script.outcome;
    expect(outcome.status).toBe('cancelled');
    // the script may report the interruption itself, with a snapshot: a stop still has none
    expect(outcome.variables).toBeNull();
    expect(Date.now() - asked).toBeLessThan(2000);
  });

  it('ends a memory bomb with a memory limit error instead of crashing', async () => {
    const program = 'setq(a, array()) while(true) { addTo(a, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") }';
    const outcome = await run(program, { memoryMb: 64, language: { maxSteps: Number.MAX_SAFE_INTEGER, maxArrayLength: Number.MAX_SAFE_INTEGER } }).script.outcome;
    expect(outcome.status).toBe('failed');
  });

  it('caps the log with one truncation notice and counts the rest', async () => {
    const { script, logs } = run('setq(i, 0) while(smaller(i, 50)) { logPrint(i) setq(i, add(i, 1)) }', { maxLogEntries: 10 });
    const outcome = await script.outcome;
    expect(outcome.status).toBe('succeeded');
    expect(logs).toHaveLength(10);
    expect(logs[9]).toMatchObject({ level: 'WARN', message: expect.stringContaining('Log limit reached') });
    expect(outcome.droppedEntries).toBe(41);
  });

  describe('under the debugger', () => {
    const LOOP = 'let i = 0\nwhile (i < 2) {\n  logPrint("at " + i)\n  i = i + 1\n}\ni';

    it('pauses after the lines logged before, and goes on with the action given', async () => {
      const { script, events, pauses } = run(LOOP, {}, { breakpoints: [4] });
      await until(() => pauses.length === 1);
      expect(script.pausedAt).toMatchObject({ line: 4, depth: 0 });
      expect(pauses[0].variables).toEqual([{ name: 'i', type: 'N', value: '0', truncated: false, scope: 'program' }]);
      expect(script.resume('continue')).toBe(true);
      expect(script.resume('continue')).toBe(false);
      await until(() => pauses.length === 2);
      script.resume('continue');
      expect(await script.outcome).toMatchObject({ status: 'succeeded', value: 2 });
      expect(events).toEqual(['log at 0', 'paused 4', 'resumed continue', 'log at 1', 'paused 4', 'resumed continue']);
      expect(script.resume('step')).toBe(false);
    });

    it('cancels a paused script promptly', async () => {
      const { script, pauses } = run(LOOP, {}, { breakpoints: [], stopOnEntry: true });
      await until(() => pauses.length === 1);
      const asked = Date.now();
      script.stop('cancelled');
      expect(await script.outcome).toMatchObject({ status: 'cancelled' });
      expect(Date.now() - asked).toBeLessThan(2000);
    });

    it('holds the wall clock while paused', async () => {
      // The clock starts with the run, and a thread booting on a busy machine spends part of it
      // before the first pause: the pause lasts longer than what is left of the budget, so the
      // run times out unless the clock stands still while paused.
      const timeoutMs = 6000;
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
      expect(outcome).toMatchObject({ status: 'timed_out', error: { code: 'TIMED_OUT', message: expect.stringContaining('paused longer than 500 ms') } });
    });
  });
});

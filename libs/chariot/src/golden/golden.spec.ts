import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChariotError, ChariotLimits, RunResult, runChariot, startChariot } from '../index';

/**
 * Golden scripts: each NAME.ch runs with the limits in NAME.json and must produce its value
 * (and log lines, exit code) or fail with the error kind/code/position given there.
 */
interface Expected {
  value?: unknown;
  logs?: string[];
  exitCode?: number;
  limits?: Partial<ChariotLimits>;
  error?: { kind: string; code: string; line?: number; column?: number; message?: string; function?: string };
}

const dir = __dirname;
const scripts = readdirSync(dir).filter((f) => f.endsWith('.ch')).sort();

describe('golden scripts', () => {
  it('has scripts to run', () => {
    expect(scripts.length).toBeGreaterThan(10);
  });

  it.each(scripts)('%s', async (file) => {
    await check(file, (source, options) => Promise.resolve().then(() => runChariot(source, options)));
  });

  // The same scripts under the suspending driver, yielding every 64 steps and waiting on every other
  // log line: each closure's resumption path must give exactly the synchronous results.
  it.each(scripts)('%s suspended every 64 steps', async (file) => {
    let lines = 0;
    await check(file, (source, options) =>
      startChariot(source, {
        ...options,
        host: { ...options.host, log: (level, message) => (options.host.log(level, message), ++lines % 2 ? Promise.resolve() : undefined) },
        sliceMs: 0,
        checkpointSteps: 64,
        yieldSlice: () => Promise.resolve(),
      }).result,
    );
  });

  type Runner = (
    source: string,
    options: { limits?: Partial<ChariotLimits>; host: { log: (level: string, message: string) => unknown; now: () => number; random: () => number } },
  ) => Promise<RunResult>;

  async function check(file: string, runner: Runner): Promise<void> {
    const source = readFileSync(join(dir, file), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.ch$/, '.json')), 'utf8')) as Expected;
    const logs: string[] = [];
    const run = () =>
      runner(source, {
        limits: expected.limits,
        host: { log: (level, message) => logs.push(`${level} ${message}`), now: () => Date.UTC(2024, 5, 1, 12), random: () => 0.5 },
      });
    if (expected.error) {
      let caught: unknown;
      try {
        await run();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ChariotError);
      const err = caught as ChariotError;
      const want = expected.error;
      expect({ kind: err.kind, code: err.code }).toEqual({ kind: want.kind, code: want.code });
      if (want.line !== undefined) expect({ line: err.line, column: err.column }).toEqual({ line: want.line, column: want.column });
      if (want.message !== undefined) expect(err.message).toBe(want.message);
      if (want.function !== undefined) expect(err.functionName).toBe(want.function);
    } else {
      const result = await run();
      expect(result.value).toEqual(expected.value);
      if (expected.exitCode !== undefined) expect(result.exitCode).toBe(expected.exitCode);
    }
    if (expected.logs) expect(logs).toEqual(expected.logs);
  }
});

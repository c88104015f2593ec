#!/usr/bin/env node
// Benchmark: the Chariot runtime (libs/chariot bundled with esbuild, as the CLI ships it) against
// the same algorithms in plain JS, in the same process. Prints times (best of N) and ratios, for
// the synchronous runChariot and for startChariot, the suspending driver the server runs every
// execution on (time slices of 2 ms, yielding through setImmediate, a memory budget: as the
// executor threads do).
//   node bench/language.mjs [--runs 20] [--lib path/to/bundle.js]
// bench/executions.mjs imports `cases`, `loadChariot` and `timeRuns` from here.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { options, root } from './support.mjs';

const require = createRequire(import.meta.url);

/** The library's exports (runChariot, …): from `libPath`, or bundled fresh so the figures always match the source. */
export function loadChariot(libPath) {
  if (!libPath) {
    libPath = resolve(root, 'dist/bench/chariot-language.js');
    require('esbuild').buildSync({
      entryPoints: [resolve(root, 'libs/chariot/src/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: libPath,
      logLevel: 'warning',
    });
  }
  return require(resolve(libPath));
}

/** Runs fn `runs` times: every run's milliseconds and the last value. */
export function timeRuns(fn, runs) {
  const samples = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { samples, value };
}

/** timeRuns for a function returning a promise. */
export async function timeRunsAsync(fn, runs) {
  const samples = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { samples, value };
}

/** startChariot's options as the server's executor threads pass them (EXECUTION_MEMORY_MB 64). */
const taskOptions = {
  sliceMs: 2,
  yieldSlice: () => new Promise((resolve) => setImmediate(resolve)),
  memoryBytes: 64 * 1024 * 1024,
};

export const cases = [
  {
    name: 'fib(25)',
    chariot: `setq(fib, func(n) { if (smaller(n, 2)) { n } else { add(call(fib, sub(n, 1)), call(fib, sub(n, 2))) } })
call(fib, 25)`,
    js: () => {
      const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));
      return fib(25);
    },
  },
  {
    name: 'fib(25) infix',
    chariot: `let fib = func(n) { if (n < 2) { n } else { fib(n - 1) + fib(n - 2) } }; fib(25)`,
    js: () => {
      const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));
      return fib(25);
    },
  },
  {
    name: 'while 1,000,000',
    chariot: `setq(i, 0) setq(sum, 0) while (smaller(i, 1000000)) { setq(sum, add(sum, i)) setq(i, add(i, 1)) } sum`,
    js: () => {
      let i = 0;
      let sum = 0;
      while (i < 1000000) {
        sum = sum + i;
        i = i + 1;
      }
      return sum;
    },
  },
  {
    name: 'string building 100,000',
    chariot: `setq(s, '') setq(i, 0) while (smaller(i, 100000)) { setq(s, concat(s, 'x')) setq(i, add(i, 1)) } length(s)`,
    js: () => {
      let s = '';
      let i = 0;
      while (i < 100000) {
        s = s + 'x';
        i = i + 1;
      }
      return s.length;
    },
  },
  {
    // the pure-TS SHA-512 (64-bit words as 32-bit halves) against node:crypto's native one
    name: 'hash512 of a megabyte',
    chariot: `length(hash512(repeat('x', 1048576)))`,
    js: () => require('node:crypto').createHash('sha512').update('x'.repeat(1048576)).digest('hex').length,
  },
];

async function main() {
  const { opt } = options();
  const { runChariot, startChariot } = loadChariot(opt('--lib'));
  const runs = Number(opt('--runs', '20'));
  const best = ({ samples, value }) => ({ ms: Math.min(...samples), value });
  const cols = ['chariot ms', 'js ms', 'ratio', 'task ms', 'task ratio'];
  console.log(`${'benchmark'.padEnd(26)} ${cols.map((c) => c.padStart(11)).join(' ')}`);
  for (const c of cases) {
    const ch = best(timeRuns(() => runChariot(c.chariot).value, runs));
    const task = best(await timeRunsAsync(async () => (await startChariot(c.chariot, taskOptions).result).value, runs));
    const js = best(timeRuns(c.js, runs));
    if (ch.value !== js.value || task.value !== js.value)
      throw new Error(`${c.name}: chariot gave ${ch.value} (task ${task.value}), js ${js.value}`);
    const figures = [
      ch.ms.toFixed(2),
      js.ms.toFixed(3),
      `${(ch.ms / js.ms).toFixed(1)}x`,
      task.ms.toFixed(2),
      `${(task.ms / js.ms).toFixed(1)}x`,
    ];
    console.log(`${c.name.padEnd(26)} ${figures.map((f) => f.padStart(11)).join(' ')}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

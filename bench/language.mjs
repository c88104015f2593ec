#!/usr/bin/env node
// Benchmark: the Chariot runtime (libs/chariot bundled with esbuild, as the CLI ships it) against
// the same algorithms in plain JS, in the same process. Prints times (best of N) and ratios.
//   node bench/language.mjs [--runs 20] [--lib path/to/bundle.js]
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const require = createRequire(import.meta.url);
let libPath = opt('--lib');
if (!libPath) {
  // bundle the library fresh so the figures always match the source
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
const { runChariot } = require(resolve(libPath));
const runs = Number(opt('--runs', '20'));

function best(fn) {
  let min = Infinity;
  let value;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = fn();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (ms < min) min = ms;
  }
  return { ms: min, value };
}

const cases = [
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
];

console.log(`${'benchmark'.padEnd(26)} ${'chariot ms'.padStart(11)} ${'js ms'.padStart(9)} ${'ratio'.padStart(8)}`);
for (const c of cases) {
  const ch = best(() => runChariot(c.chariot).value);
  const js = best(c.js);
  if (ch.value !== js.value) throw new Error(`${c.name}: chariot gave ${ch.value}, js ${js.value}`);
  console.log(`${c.name.padEnd(26)} ${ch.ms.toFixed(2).padStart(11)} ${js.ms.toFixed(3).padStart(9)} ${(ch.ms / js.ms).toFixed(1).padStart(7)}x`);
}

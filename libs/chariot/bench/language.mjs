#!/usr/bin/env node
// Benchmark: Chariot (through the bundled CLI library) against the same algorithms in plain JS,
// in the same process. Build first: `npx nx build cli` (or pass --lib path/to/bundle.js).
//   node libs/chariot/bench/language.mjs [--lib dist/apps/cli/chariot-lib.js] [--runs 5]
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const libPath = resolve(opt('--lib', 'dist/libs/chariot-bundle/index.js'));
if (!existsSync(libPath)) {
  console.error(`library bundle not found at ${libPath}; build it with:\n  npx esbuild libs/chariot/src/index.ts --bundle --platform=node --format=cjs --outfile=${libPath}`);
  process.exit(2);
}
const { runChariot } = createRequire(import.meta.url)(libPath);
const runs = Number(opt('--runs', '5'));

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

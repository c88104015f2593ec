import { isArray, Value } from '../values/values';
import { BuiltinFn, table } from './types';
import { err, num } from './util';

const two =
  (name: string, f: (a: number, b: number) => number): BuiltinFn =>
  (a) => {
    if (typeof a[0] !== 'number' || typeof a[1] !== 'number') err(`${name} requires two numbers`);
    return f(a[0], a[1]);
  };
const one =
  (name: string, f: (a: number) => number): BuiltinFn =>
  (a) =>
    f(num(a[0], name));

/** Go math.Round: half away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function numbersOf(args: Value[], who: string): number[] {
  const list = args.length === 1 && isArray(args[0]) ? args[0] : args;
  return list.map((v) => num(v, who));
}

function irr(flows: number[], guess = 0.1): number {
  let r = guess;
  for (let i = 0; i < 100; i++) {
    let f = 0;
    let df = 0;
    for (let t = 0; t < flows.length; t++) {
      f += flows[t] / Math.pow(1 + r, t);
      df -= (t * flows[t]) / Math.pow(1 + r, t + 1);
    }
    if (df === 0) break;
    const next = r - f / df;
    if (Math.abs(next - r) < 1e-10) return next;
    r = next;
  }
  return r;
}

export const MATH_BUILTINS = table('math', [
  ['add', 2, 2, 'Sum of two numbers.', two('add', (a, b) => a + b)],
  ['sub', 2, 2, 'Difference of two numbers.', two('sub', (a, b) => a - b)],
  ['mul', 2, 2, 'Product of two numbers.', two('mul', (a, b) => a * b)],
  [
    'div',
    2,
    2,
    'Quotient of two numbers; dividing by zero is an error.',
    two('div', (a, b) => (b === 0 ? err('division by zero') : a / b)),
  ],
  [
    'mod',
    2,
    2,
    'Remainder of a division (Go math.Mod).',
    two('mod', (a, b) => (b === 0 ? err('division by zero') : a % b)),
  ],
  ['abs', 1, 1, 'Absolute value.', one('abs', Math.abs)],
  [
    'sqrt',
    1,
    1,
    'Square root; negative input is an error.',
    one('sqrt', (x) => (x < 0 ? err('sqrt of negative number') : Math.sqrt(x))),
  ],
  ['pow', 2, 2, 'x raised to the power y.', (a) => Math.pow(num(a[0], 'pow'), num(a[1], 'pow'))],
  ['exp', 1, 1, 'e raised to x.', one('exp', Math.exp)],
  ['floor', 1, 1, 'Largest integer ≤ x.', one('floor', Math.floor)],
  ['ceiling', 1, 1, 'Smallest integer ≥ x.', one('ceiling', Math.ceil)],
  ['ceil', 1, 1, 'Alias of ceiling.', one('ceil', Math.ceil)],
  [
    'round',
    1,
    2,
    'Rounds half away from zero, optionally to n decimals.',
    (a) => {
      const x = num(a[0], 'round');
      if (a.length < 2) return roundHalfAway(x);
      const p = Math.pow(10, num(a[1], 'round'));
      return roundHalfAway(x * p) / p;
    },
  ],
  ['int', 1, 1, 'Integer part (truncates toward zero).', one('int', Math.trunc)],
  ['log', 1, 1, 'Natural logarithm.', one('log', Math.log)],
  ['ln', 1, 1, 'Natural logarithm.', one('ln', Math.log)],
  ['log10', 1, 1, 'Base-10 logarithm.', one('log10', Math.log10)],
  ['log2', 1, 1, 'Base-2 logarithm.', one('log2', Math.log2)],
  ['sin', 1, 1, 'Sine (radians).', one('sin', Math.sin)],
  ['cos', 1, 1, 'Cosine (radians).', one('cos', Math.cos)],
  ['tan', 1, 1, 'Tangent (radians).', one('tan', Math.tan)],
  ['pi', 0, 0, 'The constant π.', () => Math.PI],
  ['e', 0, 0, 'The constant e.', () => Math.E],
  [
    'max',
    1,
    null,
    'Largest of the numbers (or of one array).',
    (a) => {
      const xs = numbersOf(a, 'max');
      return xs.length ? Math.max(...xs) : err('max requires at least one number');
    },
  ],
  [
    'min',
    1,
    null,
    'Smallest of the numbers (or of one array).',
    (a) => {
      const xs = numbersOf(a, 'min');
      return xs.length ? Math.min(...xs) : err('min requires at least one number');
    },
  ],
  [
    'sum',
    0,
    null,
    'Sum of the numbers (or of one array); 0 for none.',
    (a) => numbersOf(a, 'sum').reduce((x, y) => x + y, 0),
  ],
  [
    'avg',
    1,
    null,
    'Mean of the numbers (or of one array).',
    (a) => {
      const xs = numbersOf(a, 'avg');
      return xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : err('avg requires at least one number');
    },
  ],
  ['pct', 2, 2, 'a as a percentage of b.', (a) => (num(a[0], 'pct') / num(a[1], 'pct')) * 100],
  [
    'random',
    0,
    2,
    'random() in [0,1); random(max) in [0,max); random(min, max) in [min,max).',
    (a, rt) => {
      const r = rt.host.random();
      if (a.length === 0) return r;
      if (a.length === 1) return r * num(a[0], 'random');
      const lo = num(a[0], 'random');
      return lo + r * (num(a[1], 'random') - lo);
    },
  ],
  ['randomSeed', 1, 1, 'Accepted for compatibility; randomness comes from the host.', () => true],
  [
    'randomString',
    1,
    2,
    'Random alphanumeric string of the given length.',
    (a, rt) => {
      const n = num(a[0], 'randomString');
      const chars =
        typeof a[1] === 'string' && a[1] ? a[1] : 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      // the size before the work: randomString(100000000) used to build for seconds, then fail
      rt.checkStringLength(n);
      rt.charge(n / 16);
      const codes = new Uint16Array(n > 0 ? Math.ceil(n) : 0);
      for (let i = 0; i < codes.length; i++) codes[i] = chars.charCodeAt(Math.floor(rt.host.random() * chars.length));
      let s = '';
      for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode(...codes.subarray(i, i + 8192));
      return s;
    },
  ],
  [
    'pmt',
    3,
    3,
    'pmt(principal, annualRate, years): monthly loan payment, rounded to cents.',
    (a) => {
      const P = num(a[0], 'pmt');
      const r = num(a[1], 'pmt') / 12;
      const n = num(a[2], 'pmt') * 12;
      if (r === 0) return P / n;
      const f = Math.pow(1 + r, n);
      return Math.round(((P * r * f) / (f - 1)) * 100) / 100;
    },
  ],
  [
    'pv',
    3,
    3,
    'pv(futureValue, rate, nper): present value, rounded to cents.',
    (a) => {
      const n = num(a[2], 'pv');
      if (n === 0) return err('number of periods cannot be zero');
      return Math.round((num(a[0], 'pv') / Math.pow(1 + num(a[1], 'pv'), n)) * 100) / 100;
    },
  ],
  [
    'fv',
    3,
    3,
    'fv(rate, nper, payment): future value of a series of payments.',
    (a) => {
      const r = num(a[0], 'fv');
      const n = num(a[1], 'fv');
      const p = num(a[2], 'fv');
      if (n === 0) return err('number of periods cannot be zero');
      return r === 0 ? p * n : p * ((Math.pow(1 + r, n) - 1) / r);
    },
  ],
  [
    'nper',
    3,
    3,
    'nper(rate, payment, pv): number of periods to pay off pv.',
    (a) => {
      const r = num(a[0], 'nper');
      const p = num(a[1], 'nper');
      const v = num(a[2], 'nper');
      if (r === 0) return p === 0 ? err('cannot calculate nper with zero rate and zero payment') : v / p;
      if (p === 0) return err('payment cannot be zero');
      return Math.log(p / (p - v * r)) / Math.log(1 + r);
    },
  ],
  [
    'npv',
    2,
    null,
    'npv(rate, flows…): net present value, the first flow at t = 0 (an array is accepted too).',
    (a) => {
      const r = num(a[0], 'npv');
      const flows = (a.length === 2 && isArray(a[1]) ? a[1] : a.slice(1)).map((x) => num(x, 'npv'));
      return flows.reduce((acc, cf, t) => acc + cf / Math.pow(1 + r, t), 0);
    },
  ],
  [
    'irr',
    1,
    null,
    'Internal rate of return of cash flows (an array or several numbers).',
    (a) => irr((a.length === 1 && isArray(a[0]) ? a[0] : a).map((x) => num(x, 'irr'))),
  ],
  [
    'loanBalance',
    4,
    4,
    'Remaining balance: loanBalance(principal, rate, nper, paymentsMade).',
    (a) => {
      const P = num(a[0], 'loanBalance');
      const r = num(a[1], 'loanBalance');
      const n = num(a[2], 'loanBalance');
      const k = num(a[3], 'loanBalance');
      if (r === 0) return P - (P / n) * k;
      const f = Math.pow(1 + r, n);
      const pay = (P * r * f) / (f - 1);
      return P * Math.pow(1 + r, k) - (pay * (Math.pow(1 + r, k) - 1)) / r;
    },
  ],
]);

import { Value } from '../../values/values';
import type { Scope } from '../scope';

/** The full meaning of a binary operator on two evaluated operands (the slow path of each site). */
export type Combine = (a: Value, b: Value, s: Scope) => Value;

/**
 * The operators with a two-number fast path, infix or as inlined builtins. One kernel serves
 * them all: its switch costs a few compares, a call through a closure would cost more.
 */
export enum Fast {
  Add,
  Sub,
  Mul,
  Lt,
  Le,
  Gt,
  Ge,
  Eq,
}

export function kernel(k: Fast, a: number, b: number): Value {
  switch (k) {
    case Fast.Add:
      return a + b;
    case Fast.Sub:
      return a - b;
    case Fast.Mul:
      return a * b;
    case Fast.Lt:
      return a < b;
    case Fast.Le:
      return a <= b;
    case Fast.Gt:
      return a > b;
    case Fast.Ge:
      return a >= b;
    default:
      return a === b;
  }
}

/**
 * `param op number` (`n - 1`, `smaller(n, 2)`): the commonest operand of a recursive function.
 * Its consumers (an if's test, a call's one argument) evaluate it in place, written out in their
 * own body as `typeof a === 'number' ? kernel(op, a, number) : slow(a, number, s)` with
 * `a = s.vals[slot]`, rather than calling its compiled closure: a call V8 cannot inline, since
 * every site of a construct shares one closure body. It never ends with a signal, so the
 * consumer checks nothing after it; it may throw, as its closure would.
 */
export interface ParamOp {
  slot: number;
  op: Fast;
  number: number;
  slow: Combine;
}

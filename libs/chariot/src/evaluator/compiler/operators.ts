import { Binary, Call, Expr } from '../../ast/nodes';
import { ChariotRuntimeError } from '../../errors';
import { toDisplay } from '../../values/format';
import { typeName } from '../../values/types';
import { Value } from '../../values/values';
import type { Code, Compiler } from '../compile';
import { equalValues } from '../ops';
import { Runtime, Sig } from '../runtime';
import { Scope } from '../scope';

/** The full meaning of a binary operator on two evaluated operands (the slow path of each site). */
type Combine = (a: Value, b: Value, s: Scope) => Value;

/**
 * The operators with a two-number fast path, infix or as inlined builtins. One kernel serves
 * them all: its switch costs a few compares, a call through a closure would cost more.
 */
const enum Fast {
  Add,
  Sub,
  Mul,
  Lt,
  Le,
  Gt,
  Ge,
  Eq,
}

function kernel(k: Fast, a: number, b: number): Value {
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

const INFIX_FAST: Partial<Record<Binary['op'], Fast>> = { '+': Fast.Add, '-': Fast.Sub, '*': Fast.Mul, '<': Fast.Lt, '<=': Fast.Le, '>': Fast.Gt, '>=': Fast.Ge };

/**
 * A two-operand site: `kernel(k)` when both operands are numbers, `slow` for everything else
 * (strings, errors, signals). The commonest operand shapes get bodies of their own, so that a
 * number literal on the right (`n - 1`) or a parameter on the left costs no closure call.
 */
function fastSite(cx: Compiler, k: Fast, left: Expr, right: Expr, slow: Combine): Code {
  const rt = cx.rt;
  if (right.kind === 'number') {
    const b = right.value;
    const slot = left.kind === 'name' ? cx.paramSlot(left.name) : -1;
    if (slot >= 0) {
      return (s) => {
        const a = s.vals[slot];
        return typeof a === 'number' ? kernel(k, a, b) : slow(a, b, s);
      };
    }
    const l = cx.expr(left);
    const r: Code = () => b;
    return (s) => {
      const a = l(s);
      if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
      return typeof a === 'number' ? kernel(k, a, b) : slow(a, b, s);
    };
  }
  const l = cx.expr(left);
  const r = cx.expr(right);
  return (s) => {
    const a = l(s);
    if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
    const b = r(s);
    return typeof a === 'number' && typeof b === 'number' ? kernel(k, a, b) : rightOrCombine(rt, s, a, b, slow);
  };
}

/** Infix operators: the fast path where there is one, `combine` for the full meaning. */
export function binary(cx: Compiler, e: Binary): Code {
  const rt = cx.rt;
  const { line, col, op } = e;
  const bad = (a: Value, b: Value): never => {
    throw new ChariotRuntimeError(`operator ${op} cannot be applied to ${typeName(a)} and ${typeName(b)}`, 'RUNTIME_ERROR', line, col);
  };
  const numeric = (f: (a: number, b: number) => Value, strings?: (a: string, b: string) => Value): Combine => {
    return (a, b) => {
      if (typeof a === 'number' && typeof b === 'number') return f(a, b);
      if (rt.sig !== Sig.None) return undefined;
      if (strings && typeof a === 'string' && typeof b === 'string') return strings(a, b);
      return bad(a, b);
    };
  };
  const fast = INFIX_FAST[op];
  switch (op) {
    case '+': {
      const plus: Combine = (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') return a + b;
        if (rt.sig !== Sig.None) return undefined;
        if (typeof a === 'string' || typeof b === 'string') {
          const out = toDisplay(a) + toDisplay(b);
          if (out.length > rt.maxString) rt.checkString(out);
          return out;
        }
        return bad(a, b);
      };
      return fastSite(cx, Fast.Add, e.left, e.right, plus);
    }
    case '-':
    case '*':
      return fastSite(cx, fast as Fast, e.left, e.right, numeric((a, b) => kernel(fast as Fast, a, b)));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const k = fast as Fast;
      // strings compare apart from the kernel, whose type feedback stays all numbers
      const strings = (a: string, b: string): Value => (k === Fast.Lt ? a < b : k === Fast.Le ? a <= b : k === Fast.Gt ? a > b : a >= b);
      return fastSite(cx, k, e.left, e.right, numeric((a, b) => kernel(k, a, b), strings));
    }
  }
  const l = cx.expr(e.left);
  const r = cx.expr(e.right);
  switch (op) {
    case '/':
    case '%': {
      const isDiv = op === '/';
      const divide = numeric((a, b) => {
        if (b === 0) throw new ChariotRuntimeError('division by zero', 'RUNTIME_ERROR', line, col);
        return isDiv ? a / b : a % b;
      });
      return both(rt, l, r, divide);
    }
    case '==':
      return both(rt, l, r, (a, b) => (rt.sig !== Sig.None ? undefined : equalValues(a, b)));
    default:
      return both(rt, l, r, (a, b) => (rt.sig !== Sig.None ? undefined : !equalValues(a, b)));
  }
}

const INLINED: ReadonlyMap<string, Fast> = new Map([
  ['add', Fast.Add],
  ['sub', Fast.Sub],
  ['mul', Fast.Mul],
  ['smaller', Fast.Lt],
  ['bigger', Fast.Gt],
  ['smallerEq', Fast.Le],
  ['biggerEq', Fast.Ge],
  ['equal', Fast.Eq],
]);

/**
 * Inlined two-argument arithmetic and comparison builtins (the fib/loop hot path). Anything other
 * than two numbers takes the builtin's own path (strings, errors).
 */
export function inline2(cx: Compiler, e: Call): Code | undefined {
  const rt = cx.rt;
  const def = cx.builtins.get(e.name);
  const k = INLINED.get(e.name);
  if (!def || k === undefined) return undefined;
  const slowFn = def.fn;
  const { line, col, name } = e;
  const slow: Combine = (a, b, s) => {
    if (rt.sig !== Sig.None) return undefined;
    try {
      return slowFn([a, b], rt, s);
    } catch (err) {
      throw rt.wrapError(err, line, col, name);
    }
  };
  return fastSite(cx, k, e.args[0], e.args[1], slow);
}

/** A two-operand site with no fast path of its own. */
function both(rt: Runtime, l: Code, r: Code, combine: Combine): Code {
  return (s) => {
    const a = l(s);
    if (rt.sig !== Sig.None) return leftPending(rt, s, r, combine);
    return rightOrCombine(rt, s, a, r(s), combine);
  };
}

/** The right operand was evaluated: combine, unless it ended with a signal. */
function rightOrCombine(rt: Runtime, s: Scope, a: Value, b: Value, combine: Combine): Value {
  if (rt.sig !== Sig.None) return rightPending(rt, s, a, combine);
  return combine(a, b, s);
}

/** The left operand ended with a signal: when it suspended, the right one runs on resume. */
function leftPending(rt: Runtime, s: Scope, r: Code, combine: Combine): Value {
  if (rt.sig === Sig.Suspend) {
    rt.later((a) => {
      if (rt.sig !== Sig.None) return undefined;
      return rightOrCombine(rt, s, a, r(s), combine);
    });
  }
  return undefined;
}

/** The right operand ended with a signal: when it suspended, the combination runs on resume. */
function rightPending(rt: Runtime, s: Scope, a: Value, combine: Combine): Value {
  if (rt.sig === Sig.Suspend) rt.later((b) => (rt.sig !== Sig.None ? undefined : combine(a, b, s)));
  return undefined;
}

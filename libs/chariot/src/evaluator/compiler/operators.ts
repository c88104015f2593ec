import { Binary, Call } from '../../ast/nodes';
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
 * Infix operators. Each operator gets its own closure body so that V8 sees monomorphic code for
 * the two-number case; everything else (strings, errors, signals) goes through `combine`.
 */
export function binary(cx: Compiler, e: Binary): Code {
  const rt = cx.rt;
  const l = cx.expr(e.left);
  const r = cx.expr(e.right);
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
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, plus);
        const b = r(s);
        if (typeof a === 'number' && typeof b === 'number') return a + b;
        if (rt.sig !== Sig.None) return rightPending(rt, s, a, plus);
        return plus(a, b, s);
      };
    }
    case '-': {
      const minus = numeric((a, b) => a - b);
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, minus);
        const b = r(s);
        if (typeof a === 'number' && typeof b === 'number') return a - b;
        if (rt.sig !== Sig.None) return rightPending(rt, s, a, minus);
        return minus(a, b, s);
      };
    }
    case '*': {
      const times = numeric((a, b) => a * b);
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, times);
        const b = r(s);
        if (typeof a === 'number' && typeof b === 'number') return a * b;
        if (rt.sig !== Sig.None) return rightPending(rt, s, a, times);
        return times(a, b, s);
      };
    }
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
    case '!=':
      return both(rt, l, r, (a, b) => (rt.sig !== Sig.None ? undefined : !equalValues(a, b)));
    case '<': {
      const lt = numeric(
        (a, b) => a < b,
        (a, b) => a < b,
      );
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, lt);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a < b : rightOrCombine(rt, s, a, b, lt);
      };
    }
    case '<=': {
      const le = numeric(
        (a, b) => a <= b,
        (a, b) => a <= b,
      );
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, le);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a <= b : rightOrCombine(rt, s, a, b, le);
      };
    }
    case '>': {
      const gt = numeric(
        (a, b) => a > b,
        (a, b) => a > b,
      );
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, gt);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a > b : rightOrCombine(rt, s, a, b, gt);
      };
    }
    default: {
      const ge = numeric(
        (a, b) => a >= b,
        (a, b) => a >= b,
      );
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, ge);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a >= b : rightOrCombine(rt, s, a, b, ge);
      };
    }
  }
}

const INLINED = new Set(['add', 'sub', 'mul', 'smaller', 'bigger', 'smallerEq', 'biggerEq', 'equal']);

/**
 * Inlined two-argument arithmetic and comparison builtins (the fib/loop hot path). Anything other
 * than two numbers takes the builtin's own path (strings, errors).
 */
export function inline2(cx: Compiler, e: Call): Code | undefined {
  const rt = cx.rt;
  const def = cx.builtins.get(e.name);
  if (!def || !INLINED.has(e.name)) return undefined;
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
  const l = cx.expr(e.args[0]);
  const r = cx.expr(e.args[1]);
  switch (e.name) {
    case 'add':
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a + b : rightOrCombine(rt, s, a, b, slow);
      };
    case 'sub':
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a - b : rightOrCombine(rt, s, a, b, slow);
      };
    case 'mul':
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a * b : rightOrCombine(rt, s, a, b, slow);
      };
    case 'smaller':
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a < b : rightOrCombine(rt, s, a, b, slow);
      };
    case 'bigger':
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a > b : rightOrCombine(rt, s, a, b, slow);
      };
    case 'smallerEq':
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a <= b : rightOrCombine(rt, s, a, b, slow);
      };
    case 'biggerEq':
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a >= b : rightOrCombine(rt, s, a, b, slow);
      };
    default:
      // equal
      return (s) => {
        const a = l(s);
        if (rt.sig !== Sig.None) return leftPending(rt, s, r, slow);
        const b = r(s);
        return typeof a === 'number' && typeof b === 'number' ? a === b : rightOrCombine(rt, s, a, b, slow);
      };
  }
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

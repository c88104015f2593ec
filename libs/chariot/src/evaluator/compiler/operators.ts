import { Binary, Call, Expr } from '../../ast/nodes';
import { ChariotRuntimeError } from '../../errors';
import { toDisplay } from '../../values/format';
import { typeName } from '../../values/types';
import { Value } from '../../values/values';
import type { Code, CompileContext } from './context';
import { equalValues } from '../ops';
import { Runtime, Sig } from '../runtime';
import { Scope } from '../scope';
import { Combine, Fast, kernel, ParamOp } from './fast';

const INFIX_FAST: Partial<Record<Binary['op'], Fast>> = {
  '+': Fast.Add,
  '-': Fast.Sub,
  '*': Fast.Mul,
  '<': Fast.Lt,
  '<=': Fast.Le,
  '>': Fast.Gt,
  '>=': Fast.Ge,
};

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

/** A site with a two-number fast path: `kernel(k)` on two numbers, `slow` for everything else. */
interface FastOp {
  k: Fast;
  left: Expr;
  right: Expr;
  slow: Combine;
}

/**
 * The fast path and the full meaning of an infix operator or of an inlined two-argument
 * builtin (add, sub, smaller, …: the fib/loop hot path); undefined when it has no fast path.
 * An inlined builtin's slow path is the builtin itself (strings, errors).
 */
function fastOp(cx: CompileContext, e: Binary | Call): FastOp | undefined {
  if (e.kind === 'binary') {
    const k = INFIX_FAST[e.op];
    return k === undefined ? undefined : { k, left: e.left, right: e.right, slow: infixMeaning(cx, e, k) };
  }
  const rt = cx.rt;
  const def = cx.builtins.get(e.name);
  const k = INLINED.get(e.name);
  // the arity checked as builtinCall does before it inlines
  if (!def || k === undefined || e.args.length !== 2 || def.minArgs > 2 || (def.maxArgs !== null && def.maxArgs < 2))
    return undefined;
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
  return { k, left: e.args[0], right: e.args[1], slow };
}

/** The site as a ParamOp, when it is `param op number`. */
export function paramOp(cx: CompileContext, e: Binary | Call): ParamOp | undefined {
  const op = fastOp(cx, e);
  return op === undefined ? undefined : asParamOp(cx, op);
}

function asParamOp(cx: CompileContext, { k, left, right, slow }: FastOp): ParamOp | undefined {
  if (right.kind !== 'number' || left.kind !== 'name') return undefined;
  const slot = cx.paramSlot(left.name);
  return slot >= 0 ? { slot, op: k, number: right.value, slow } : undefined;
}

/** A two-operand site with a fast path. A number literal on the right (`n - 1`) costs no closure call. */
function fastSite(cx: CompileContext, op: FastOp): Code {
  const rt = cx.rt;
  const { k, left, right, slow } = op;
  const po = asParamOp(cx, op);
  if (po !== undefined) {
    const { slot, number: b } = po;
    return (s) => {
      const a = s.vals[slot];
      return typeof a === 'number' ? kernel(k, a, b) : slow(a, b, s);
    };
  }
  if (right.kind === 'number') {
    const b = right.value;
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

/** The error of an infix operator applied to operands it does not take. */
function badOperands(e: Binary): (a: Value, b: Value) => never {
  const { line, col, op } = e;
  return (a, b) => {
    throw new ChariotRuntimeError(
      `operator ${op} cannot be applied to ${typeName(a)} and ${typeName(b)}`,
      'RUNTIME_ERROR',
      line,
      col,
    );
  };
}

/** The full meaning of an arithmetic operator (numbers only) or a comparison (numbers or strings). */
function numeric(
  rt: Runtime,
  bad: (a: Value, b: Value) => never,
  f: (a: number, b: number) => Value,
  strings?: (a: string, b: string) => Value,
): Combine {
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return f(a, b);
    if (rt.sig !== Sig.None) return undefined;
    if (strings && typeof a === 'string' && typeof b === 'string') return strings(a, b);
    return bad(a, b);
  };
}

/** The full meaning of an infix operator with a fast path. */
function infixMeaning(cx: CompileContext, e: Binary, k: Fast): Combine {
  const rt = cx.rt;
  const bad = badOperands(e);
  if (k === Fast.Add) {
    return (a, b) => {
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (rt.sig !== Sig.None) return undefined;
      if (typeof a === 'string' || typeof b === 'string') {
        const out = toDisplay(a) + toDisplay(b);
        if (out.length > rt.maxString) rt.checkString(out);
        return out;
      }
      return bad(a, b);
    };
  }
  if (k === Fast.Sub || k === Fast.Mul) return numeric(rt, bad, (a, b) => kernel(k, a, b));
  // strings compare apart from the kernel, whose type feedback stays all numbers
  const strings = (a: string, b: string): Value =>
    k === Fast.Lt ? a < b : k === Fast.Le ? a <= b : k === Fast.Gt ? a > b : a >= b;
  return numeric(rt, bad, (a, b) => kernel(k, a, b), strings);
}

/** Infix operators: the fast path where there is one, the full meaning otherwise. */
export function binary(cx: CompileContext, e: Binary): Code {
  const op = fastOp(cx, e);
  if (op !== undefined) return fastSite(cx, op);
  const rt = cx.rt;
  const l = cx.expr(e.left);
  const r = cx.expr(e.right);
  switch (e.op) {
    case '/':
    case '%': {
      const isDiv = e.op === '/';
      const { line, col } = e;
      const divide = numeric(rt, badOperands(e), (a, b) => {
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

/** An inlined two-argument arithmetic or comparison builtin; undefined for any other builtin. */
export function inline2(cx: CompileContext, e: Call): Code | undefined {
  const op = fastOp(cx, e);
  return op === undefined ? undefined : fastSite(cx, op);
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

import { Call, Expr } from '../../ast/nodes';
import { BuiltinDef } from '../../builtins/types';
import { ChariotRuntimeError } from '../../errors';
import { ChFunction } from '../../values/function';
import { Value } from '../../values/values';
import type { Code, CompileContext } from './context';
import { Runtime, Sig } from '../runtime';
import { Scope } from '../scope';
import { callAt, same } from './call-site';
import { nameRef } from './names';
import { kernel } from './fast';
import { inline2 } from './operators';
import { specialForm } from './special-forms';

export function call(cx: CompileContext, e: Call): Code {
  const special = specialForm(cx, e);
  if (special) return special;
  const def = cx.builtins.get(e.name);
  if (def) return builtinCall(cx, e, def);
  return userCall(cx, e);
}

function builtinCall(cx: CompileContext, e: Call, def: BuiltinDef): Code {
  const rt = cx.rt;
  const { line, col, name } = e;
  const n = e.args.length;
  if (n < def.minArgs || (def.maxArgs !== null && n > def.maxArgs)) {
    const msg = arityMessage(def, n);
    return () => {
      throw new ChariotRuntimeError(msg, 'RUNTIME_ERROR', line, col, name);
    };
  }
  const fast = n === 2 ? inline2(cx, e) : undefined;
  if (fast) return fast;
  const fn = def.fn;
  const args = cx.list(e.args.map((a) => cx.expr(a)));
  const wrap = (err: unknown) => rt.wrapError(err, line, col, name);
  const apply = (s: Scope, a: Value[]): Value => {
    if (++rt.steps > rt.maxSteps) rt.overSteps(line, col);
    let v: Value;
    try {
      v = fn(a, rt, s);
    } catch (err) {
      throw wrap(err);
    }
    // a builtin that suspended (sleep, a full log pipe) finishes in its own frame; errors
    // thrown there are positioned at this call
    if (rt.sig === Sig.Suspend) rt.later(same, wrap);
    return v;
  };
  return (s) => {
    const a = args(s);
    if (a === null) return argsPending(rt, s, apply);
    return apply(s, a);
  };
}

function userCall(cx: CompileContext, e: Call): Code {
  const rt = cx.rt;
  const { line, col, name } = e;
  const slot = cx.paramSlot(name);
  const lookup: Code = slot >= 0 ? (s) => s.vals[slot] : nameRef(rt, name, line, col, true);
  const wrap = (err: unknown) => rt.wrapError(err, line, col, name);
  const untraced = (s: Scope, a: Value[]): Value => {
    let f: Value = rt.userFuncs.size === 0 ? undefined : rt.userFuncs.get(name);
    if (f === undefined) f = lookup(s);
    if (!(f instanceof ChFunction))
      throw new ChariotRuntimeError(`undefined function '${name}'`, 'RUNTIME_ERROR', line, col, name);
    return callAt(rt, f, a, wrap);
  };
  // only a debugged run pays for naming its call stack's frames
  const trace = cx.callTracer();
  const invoke =
    trace === undefined
      ? untraced
      : (s: Scope, a: Value[]): Value => {
          trace(name);
          return untraced(s, a);
        };
  if (e.args.length === 1) return withOneArg(cx, e.args[0], invoke);
  const args = cx.list(e.args.map((a) => cx.expr(a)));
  return (s) => {
    const a = args(s);
    if (a === null) return argsPending(rt, s, invoke);
    return invoke(s, a);
  };
}

/**
 * A call with one argument evaluates it itself, not through cx.list, in place when it is a ParamOp
 * (`fib(n - 1)`): one or two closure calls less on the path of every recursive call.
 */
function withOneArg(cx: CompileContext, arg: Expr, then: (s: Scope, a: Value[]) => Value): Code {
  const po = cx.paramOp(arg);
  if (po !== undefined) {
    const { slot, op, number: b, slow } = po;
    return (s) => {
      const a = s.vals[slot];
      return then(s, [typeof a === 'number' ? kernel(op, a, b) : slow(a, b, s)]);
    };
  }
  const rt = cx.rt;
  const a0 = cx.expr(arg);
  const resumed = (s: Scope, x: Value): Value => (rt.sig !== Sig.None ? undefined : then(s, [x]));
  return (s) => {
    const x = a0(s);
    if (rt.sig !== Sig.None) {
      if (rt.sig === Sig.Suspend) rt.laterIn(s, resumed);
      return undefined;
    }
    return then(s, [x]);
  };
}

/** The arguments ended with a signal: when they suspended, the call is made on resume. */
function argsPending(rt: Runtime, s: Scope, then: (s: Scope, a: Value[]) => Value): Value {
  if (rt.sig === Sig.Suspend) rt.later((a) => (a === null || rt.sig !== Sig.None ? undefined : then(s, a as Value[])));
  return undefined;
}

function arityMessage(def: BuiltinDef, n: number): string {
  const { name, minArgs: lo, maxArgs: hi } = def;
  const what =
    hi === lo ? `exactly ${lo}` : hi === null ? `at least ${lo}` : n < lo ? `at least ${lo}` : `at most ${hi}`;
  return `${name} requires ${what} argument${(hi === lo ? lo : n < lo ? lo : hi) === 1 ? '' : 's'}, got ${n}`;
}

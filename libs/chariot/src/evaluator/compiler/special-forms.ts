import { Call } from '../../ast/nodes';
import { createTransform } from '../../builtins/etl';
import { ChariotRuntimeError } from '../../errors';
import { ChFunction } from '../../values/function';
import { checkType, defaultFor, typeName } from '../../values/types';
import { DBNullValue, Value } from '../../values/values';
import type { Code, CompileContext } from './context';
import { Sig } from '../runtime';
import { intern, Scope } from '../scope';
import { callAt } from './call-site';
import { kernel } from './fast';
import { assignWith, setter } from './names';

/**
 * setq, declare, declareGlobal, and, or, iif, call, createTransform: their first argument is a
 * bare name or their arguments are evaluated lazily, so they are compiled here, not called.
 */
export function specialForm(cx: CompileContext, e: Call): Code | undefined {
  const rt = cx.rt;
  const { line, col, name } = e;
  const err = (msg: string): Code => {
    return () => {
      throw new ChariotRuntimeError(msg, 'RUNTIME_ERROR', line, col, name);
    };
  };
  switch (name) {
    case 'setq': {
      if (e.args.length < 2) return err('setq requires at least 2 arguments');
      const target = e.args[0];
      if (target.kind !== 'name') return err('setq: first argument must be a variable name');
      if (e.args.length > 2) return err('setq: namespace assignment is not supported');
      return assignWith(rt, cx.expr(e.args[1]), setter(target.name, line, col));
    }
    case 'declare':
    case 'declareGlobal': {
      if (e.args.length < 2) return err(`${name} requires at least 2 arguments: name and type`);
      if (e.args.length > 3) return err(`${name} takes at most 3 arguments`);
      const target = e.args[0];
      if (target.kind !== 'name') return err(`${name}: first argument must be a variable name`);
      const vname = intern(target.name);
      const typeCode = cx.expr(e.args[1]);
      const init = e.args.length > 2 ? cx.expr(e.args[2]) : undefined;
      const global = name === 'declareGlobal';
      const define = (s: Scope, t: string, x: Value): Value => {
        if (rt.sig !== Sig.None) return undefined;
        try {
          checkType(t, x);
        } catch (ex) {
          throw rt.wrapError(ex, line, col, name);
        }
        (global ? rt.global : s).define(vname, x, t);
        return x;
      };
      const typed = (s: Scope, t: Value): Value => {
        if (rt.sig !== Sig.None) return undefined;
        if (typeof t !== 'string')
          throw new ChariotRuntimeError('type must be a string', 'RUNTIME_ERROR', line, col, name);
        let x: Value;
        try {
          x = init !== undefined ? init(s) : defaultFor(t);
        } catch (ex) {
          throw rt.wrapError(ex, line, col, name);
        }
        if ((rt.sig as Sig) === Sig.Suspend) {
          rt.later(
            (y) => define(s, t, y),
            (ex) => rt.wrapError(ex, line, col, name),
          );
          return undefined;
        }
        return define(s, t, x);
      };
      return (s) => {
        const t = typeCode(s);
        if (rt.sig !== Sig.None) {
          if (rt.sig === Sig.Suspend) rt.laterIn(s, typed);
          return undefined;
        }
        return typed(s, t);
      };
    }
    case 'and':
    case 'or': {
      if (e.args.length === 0) return err('missing argument(s) -- expected 1 or more booleans');
      const codes = e.args.map((a) => cx.expr(a));
      const isAnd = name === 'and';
      /** Argument i gave v: the answer, or undefined to go on with the next. */
      const decide = (v: Value): boolean | undefined => {
        if (v instanceof DBNullValue) return !isAnd;
        if (typeof v !== 'boolean')
          throw new ChariotRuntimeError(
            `type mismatch: expected boolean, got ${typeName(v)}`,
            'RUNTIME_ERROR',
            line,
            col,
            name,
          );
        return v !== isAnd ? v : undefined;
      };
      const from = (s: Scope, start: number): Value => {
        for (let i = start; i < codes.length; i++) {
          const v = codes[i](s);
          if (rt.sig !== Sig.None) {
            if (rt.sig === Sig.Suspend) rt.laterWith(s, i + 1, resumedAt);
            return undefined;
          }
          const answer = decide(v);
          if (answer !== undefined) return answer;
        }
        return isAnd;
      };
      const resumedAt = (s: Scope, next: number, x: Value): Value =>
        rt.sig !== Sig.None ? undefined : (decide(x) ?? from(s, next));
      return (s) => from(s, 0);
    }
    case 'createTransform': {
      if (e.args.length !== 1) return err('createTransform requires 1 argument: the transform name');
      const target = e.args[0];
      if (target.kind === 'name') {
        const tname = target.name;
        return () => createTransform(tname, rt);
      }
      const v = cx.expr(target);
      const make = (x: Value): Value => {
        if (rt.sig !== Sig.None) return undefined;
        if (typeof x !== 'string')
          throw new ChariotRuntimeError(
            'createTransform: first argument must be a name',
            'RUNTIME_ERROR',
            line,
            col,
            name,
          );
        return createTransform(x, rt);
      };
      return (s) => {
        const x = v(s);
        if (rt.sig === Sig.Suspend) {
          rt.later(make);
          return undefined;
        }
        return make(x);
      };
    }
    case 'iif': {
      if (e.args.length !== 3) return err('iif requires 3 arguments');
      const [c, a, b] = e.args.map((x) => cx.expr(x));
      const choose = (s: Scope, v: Value): Value => {
        if (rt.sig !== Sig.None) return undefined;
        if (typeof v !== 'boolean')
          throw new ChariotRuntimeError(
            `type mismatch: expected boolean condition, got ${typeName(v)}`,
            'RUNTIME_ERROR',
            line,
            col,
            name,
          );
        return v ? a(s) : b(s);
      };
      return (s) => {
        const v = c(s);
        if (rt.sig === Sig.Suspend) {
          rt.laterIn(s, choose);
          return undefined;
        }
        return choose(s, v);
      };
    }
    case 'call': {
      if (e.args.length === 0) return err('call requires at least a function argument');
      const fcode = cx.expr(e.args[0]);
      const wrap = (ex: unknown) => rt.wrapError(ex, line, col, name);
      const invoke = (f: Value, a: Value[]): Value => {
        if (!(f instanceof ChFunction))
          throw new ChariotRuntimeError(
            `expected function value, got ${typeName(f)}`,
            'RUNTIME_ERROR',
            line,
            col,
            name,
          );
        return callAt(rt, f, a, wrap);
      };
      /** The function value is f: evaluate the arguments, then call. */
      let withArgs: (s: Scope, f: Value) => Value;
      const po = e.args.length === 2 ? cx.paramOp(e.args[1]) : undefined;
      if (po !== undefined) {
        // one argument, `sub(n, 1)`: evaluated in place (see ParamOp)
        const { slot, op, number: b, slow } = po;
        withArgs = (s, f) => {
          const a = s.vals[slot];
          return invoke(f, [typeof a === 'number' ? kernel(op, a, b) : slow(a, b, s)]);
        };
      } else if (e.args.length === 2) {
        // one argument: evaluated here, not through cx.list (a closure call less per call)
        const a0 = cx.expr(e.args[1]);
        const resumedArg = (s: Scope, f: Value, x: Value): Value => (rt.sig !== Sig.None ? undefined : invoke(f, [x]));
        withArgs = (s, f) => {
          const x = a0(s);
          if (rt.sig !== Sig.None) {
            if (rt.sig === Sig.Suspend) rt.laterWith(s, f, resumedArg);
            return undefined;
          }
          return invoke(f, [x]);
        };
      } else {
        const args = cx.list(e.args.slice(1).map((x) => cx.expr(x)));
        const resumedArgs = (s: Scope, f: Value, x: Value): Value =>
          x === null || rt.sig !== Sig.None ? undefined : invoke(f, x as Value[]);
        withArgs = (s, f) => {
          const a = args(s);
          if (a === null) {
            if (rt.sig === Sig.Suspend) rt.laterWith(s, f, resumedArgs);
            return undefined;
          }
          return invoke(f, a);
        };
      }
      const resumedF = (s: Scope, f: Value): Value => (rt.sig !== Sig.None ? undefined : withArgs(s, f));
      return (s) => {
        const f = fcode(s);
        if (rt.sig !== Sig.None) {
          if (rt.sig === Sig.Suspend) rt.laterIn(s, resumedF);
          return undefined;
        }
        return withArgs(s, f);
      };
    }
  }
  return undefined;
}

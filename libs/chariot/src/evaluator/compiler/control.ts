import { Block, Expr, If, Logical, Switch, While } from '../../ast/nodes';
import { DBNull, truthy, Value } from '../../values/values';
import type { Code, CompileContext } from './context';
import { equalValues } from '../ops';
import { Sig } from '../runtime';
import { Scope } from '../scope';
import { YIELD } from '../suspend';
import { kernel, ParamOp } from './fast';

export function ifExpr(cx: CompileContext, e: If): Code {
  const rt = cx.rt;
  const cond = cx.expr(e.cond);
  const then = branch(cx, e.then);
  const other: Code | undefined = e.otherwise
    ? e.otherwise.kind === 'if'
      ? ifExpr(cx, e.otherwise)
      : branch(cx, e.otherwise)
    : undefined;
  const decide = (s: Scope, c: Value): Value => {
    if (rt.sig !== Sig.None) return undefined;
    if (c === true || (c !== false && truthy(c))) return then(s);
    if (other !== undefined) return other(s);
    return DBNull;
  };
  const test = cx.paramOp(e.cond);
  if (test !== undefined) return paramOpIf(cx, e, test, then, other);
  return (s) => {
    const c = cond(s);
    if (rt.sig !== Sig.None) {
      if (rt.sig === Sig.Suspend) rt.laterIn(s, decide);
      return undefined;
    }
    if (c === true || (c !== false && truthy(c))) return then(s);
    if (other !== undefined) return other(s);
    return DBNull;
  };
}

/**
 * An if whose test is `param op number` (`n < 2`), tested in place (see ParamOp); a then branch
 * that is a parameter (`{ n }`) is read in place too. The commonest shape of a recursive function.
 */
function paramOpIf(cx: CompileContext, e: If, test: ParamOp, then: Code, other: Code | undefined): Code {
  const { slot, op, number: b, slow } = test;
  const thenSlot = cx.bodySlot(e.then.body);
  return (s) => {
    const a = s.vals[slot];
    const c = typeof a === 'number' ? kernel(op, a, b) : slow(a, b, s);
    if (c === true || (c !== false && truthy(c))) return thenSlot >= 0 ? s.vals[thenSlot] : then(s);
    if (other !== undefined) return other(s);
    return DBNull;
  };
}

/**
 * An if branch runs in a new child scope. When the branch can never create a variable
 * (no setq/declare/let/assignment outside nested function literals) the child scope would
 * stay empty, so the branch runs in the current scope instead: same semantics, no allocation.
 */
function branch(cx: CompileContext, b: Block): Code {
  if (!b.body.some(mayDefine)) return cx.seq(b.body);
  const code = cx.inScope(undefined, () => cx.seq(b.body));
  return (s) => code(new Scope(s));
}

/**
 * A while loop. Every iteration is a step; at a checkpoint whose time slice is over the loop
 * yields before its next test, so a `while (true) {}` shares its thread with other runs.
 */
export function whileExpr(cx: CompileContext, e: While): Code {
  const rt = cx.rt;
  const cond = cx.expr(e.cond);
  const body = cx.pass(cx.seq(e.body.body));
  const { line, col } = e;
  /** Iterates from the test on; `last` is the value of the last body that ran. */
  const loop = (s: Scope, last: Value): Value => {
    for (;;) {
      if (++rt.steps > rt.maxSteps && rt.overSteps(line, col)) return yieldAt(s, last);
      const c = cond(s);
      if (rt.sig !== Sig.None) {
        if (rt.sig === Sig.Suspend) rt.laterWith(s, last, tested);
        return undefined;
      }
      if (!truthy(c)) return last;
      const v = body(s);
      if (rt.sig !== Sig.None) return ranBody(s, v, last);
      last = v;
    }
  };
  const yieldAt = (s: Scope, last: Value): undefined => rt.suspend(YIELD, () => loop(s, last));
  /** The test gave c (after a suspension). */
  const tested = (s: Scope, last: Value, c: Value): Value => {
    if (rt.sig !== Sig.None) return undefined;
    if (!truthy(c)) return last;
    const v = body(s);
    if (rt.sig !== Sig.None) return ranBody(s, v, last);
    return loop(s, v);
  };
  /** The body ended with a signal: break, continue, a pass-through signal, or a suspension. */
  const ranBody = (s: Scope, v: Value, last: Value): Value => {
    const sig = rt.sig;
    if (sig === Sig.Suspend) {
      rt.laterWith(s, last, bodyResumed);
      return undefined;
    }
    if (sig === Sig.Break) {
      rt.sig = Sig.None;
      return last;
    }
    if (sig === Sig.Continue) {
      rt.sig = Sig.None;
      return loop(s, last);
    }
    return v;
  };
  const bodyResumed = (s: Scope, last: Value, x: Value): Value =>
    rt.sig !== Sig.None ? ranBody(s, x, last) : loop(s, x);
  return (s) => loop(s, undefined);
}

export function switchExpr(cx: CompileContext, e: Switch): Code {
  const rt = cx.rt;
  const subject = e.subject ? cx.expr(e.subject) : undefined;
  const tests = e.cases.map((c) => cx.expr(c.test));
  const bodies = e.cases.map((c) => cx.seq(c.body.body));
  const dflt = e.defaultBody ? cx.seq(e.defaultBody.body) : undefined;
  const n = tests.length;
  const matches = (subj: Value, t: Value): boolean => (subject !== undefined ? equalValues(subj, t) : truthy(t));
  /** Tries the cases from `from` on. */
  const cases = (s: Scope, subj: Value, from: number): Value => {
    for (let i = from; i < n; i++) {
      const t = tests[i](s);
      if (rt.sig !== Sig.None) {
        if (rt.sig === Sig.Suspend) rt.laterWith(s, [subj, i] as const, tested);
        return undefined;
      }
      if (matches(subj, t)) return bodies[i](s);
    }
    return dflt !== undefined ? dflt(s) : DBNull;
  };
  const tested = (s: Scope, [subj, i]: readonly [Value, number], t: Value): Value => {
    if (rt.sig !== Sig.None) return undefined;
    return matches(subj, t) ? bodies[i](s) : cases(s, subj, i + 1);
  };
  const subjectResumed = (s: Scope, x: Value): Value => (rt.sig !== Sig.None ? undefined : cases(s, x, 0));
  return (s) => {
    if (subject === undefined) return cases(s, undefined, 0);
    const subj = subject(s);
    if (rt.sig !== Sig.None) {
      if (rt.sig === Sig.Suspend) rt.laterIn(s, subjectResumed);
      return undefined;
    }
    return cases(s, subj, 0);
  };
}

/** `a && b`, `a || b`: the right side only when needed; the value is a boolean. */
export function logical(cx: CompileContext, e: Logical): Code {
  const rt = cx.rt;
  const l = cx.expr(e.left);
  const r = cx.expr(e.right);
  const isAnd = e.op === '&&';
  const right = (s: Scope): Value => {
    const b = r(s);
    if (rt.sig !== Sig.None) {
      if (rt.sig === Sig.Suspend) rt.later((x) => (rt.sig !== Sig.None ? false : truthy(x)));
      return false;
    }
    return truthy(b);
  };
  const decide = (s: Scope, a: Value): Value => {
    if (rt.sig !== Sig.None) return false;
    if (isAnd ? !truthy(a) : truthy(a)) return !isAnd;
    return right(s);
  };
  return (s) => {
    const a = l(s);
    if (rt.sig !== Sig.None) {
      if (rt.sig === Sig.Suspend) rt.laterIn(s, decide);
      return false;
    }
    if (isAnd ? !truthy(a) : truthy(a)) return !isAnd;
    return right(s);
  };
}

const DEFINING_CALLS = new Set(['setq', 'declare', 'createTransform']);

/** True when evaluating e might create a variable in the current scope. */
export function mayDefine(e: Expr): boolean {
  switch (e.kind) {
    case 'assign':
      return true;
    case 'call':
      return DEFINING_CALLS.has(e.name) || e.args.some(mayDefine);
    case 'func':
    case 'number':
    case 'string':
    case 'name':
      return false;
    case 'block':
      return e.body.some(mayDefine);
    case 'array':
      return e.items.some(mayDefine);
    case 'if':
      return mayDefine(e.cond);
    case 'while':
      return mayDefine(e.cond) || e.body.body.some(mayDefine);
    case 'switch':
      return (
        (e.subject !== undefined && mayDefine(e.subject)) ||
        e.cases.some((c) => mayDefine(c.test) || c.body.body.some(mayDefine)) ||
        (e.defaultBody !== undefined && e.defaultBody.body.some(mayDefine))
      );
    case 'binary':
    case 'logical':
      return mayDefine(e.left) || mayDefine(e.right);
    case 'unary':
      return mayDefine(e.operand);
  }
}

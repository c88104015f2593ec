import { Assign } from '../../ast/nodes';
import { ChariotError, ChariotRuntimeError } from '../../errors';
import { checkType } from '../../values/types';
import { Value } from '../../values/values';
import type { Code, CompileContext } from './context';
import { Runtime, Sig } from '../runtime';
import { Box, intern, Scope, SCOPE_EPOCH } from '../scope';

/**
 * A name reference that is not a parameter of the scope it runs in (Compiler.paramSlot resolves
 * those). Inline cache: the cell found for the last scope object, valid while SCOPE_EPOCH is
 * unchanged. Falls back to host objects, named nodes and registered functions.
 */
export function nameRef(rt: Runtime, rawName: string, line: number, col: number, orUndefined = false): Code {
  const name = intern(rawName);
  let cScope: Scope | null = null;
  let cBox: Box | null = null;
  let cEpoch = -1;
  return (s) => {
    // the parameters of the scope the code runs in were resolved at compile time (paramSlot):
    // a name that reaches here is not one of them, so a scope holding nothing else is skipped
    let sc: Scope | null = s.vars === null ? s.parent : s;
    while (sc !== null) {
      const ks = sc.keys;
      for (let i = 0; i < ks.length; i++) if (ks[i] === name) return sc.vals[i];
      if (sc.vars !== null) {
        // first scope with map variables: the cache is keyed on it (fresh call and branch
        // scopes without variables are skipped, so the cache survives function calls)
        if (sc === cScope && cEpoch === SCOPE_EPOCH.n) return (cBox as Box).v;
        const from: Scope = sc;
        do {
          const ks2 = sc.keys;
          for (let i = 0; i < ks2.length; i++) if (ks2[i] === name) return sc.vals[i];
          const b = sc.vars?.get(name);
          if (b !== undefined) {
            cScope = from;
            cBox = b;
            cEpoch = SCOPE_EPOCH.n;
            return b.v;
          }
          sc = sc.parent;
        } while (sc !== null);
        break;
      }
      sc = sc.parent;
    }
    if (orUndefined) return undefined;
    const h = rt.hostObjects.get(name);
    if (h !== undefined) return h;
    const nn = rt.namedNodes.get(name);
    if (nn !== undefined) return nn;
    const f = rt.userFuncs.get(name);
    if (f !== undefined) return f;
    throw new ChariotRuntimeError(`variable '${name}' not defined`, 'RUNTIME_ERROR', line, col);
  };
}

/** `let x = v` (declare) and `x = v`. */
export function assign(cx: CompileContext, e: Assign): Code {
  const iname = intern(e.name);
  if (e.declare) return assignWith(cx.rt, cx.expr(e.value), (s, x) => s.define(iname, x));
  return assignWith(cx.rt, cx.expr(e.value), setter(e.name, e.line, e.col));
}

/** Evaluates a value, then stores it; the value is the expression's own. */
export function assignWith(rt: Runtime, value: Code, store: (s: Scope, x: Value) => void): Code {
  const finish = (s: Scope, x: Value): Value => {
    if (rt.sig !== Sig.None) return undefined;
    store(s, x);
    return x;
  };
  return (s) => {
    const x = value(s);
    if (rt.sig !== Sig.None) {
      if (rt.sig === Sig.Suspend) rt.laterIn(s, finish);
      return undefined;
    }
    store(s, x);
    return x;
  };
}

/** setq semantics: update where the name lives (keeping its declared type), else create here. */
export function setVariable(s: Scope, name: string, x: Value, line: number, col: number): void {
  for (let sc: Scope | null = s; sc !== null; sc = sc.parent) {
    const ks = sc.keys;
    for (let i = 0; i < ks.length; i++) {
      if (ks[i] === name) {
        sc.vals[i] = x;
        return;
      }
    }
    const b = sc.vars?.get(name);
    if (b !== undefined) {
      assignBox(b, name, x, line, col);
      return;
    }
  }
  s.define(name, x);
}

function assignBox(b: Box, name: string, x: Value, line: number, col: number): void {
  if (b.type !== undefined) {
    try {
      checkType(b.type, x);
    } catch (ex) {
      const msg = ex instanceof ChariotError ? ex.message : String(ex);
      throw new ChariotRuntimeError(`cannot assign to ${name}: ${msg}`, 'RUNTIME_ERROR', line, col, 'setq');
    }
  }
  b.v = x;
}

/** A setq site: caches the cell per scope object like name references do. */
export function setter(rawName: string, line: number, col: number): (s: Scope, x: Value) => void {
  const name = intern(rawName);
  let cScope: Scope | null = null;
  let cBox: Box | null = null;
  let cEpoch = -1;
  return (s, x) => {
    if (s === cScope && cEpoch === SCOPE_EPOCH.n) {
      const b = cBox as Box;
      if (b.type === undefined) b.v = x;
      else assignBox(b, name, x, line, col);
      return;
    }
    const b = s.boxOf(name);
    if (b !== undefined) {
      cScope = s;
      cBox = b;
      cEpoch = SCOPE_EPOCH.n;
      assignBox(b, name, x, line, col);
      return;
    }
    setVariable(s, name, x, line, col);
  };
}

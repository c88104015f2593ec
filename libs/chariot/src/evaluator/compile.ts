import { Assign, Binary, Block, Call, Expr, If, Program, Switch, While } from '../ast/nodes';
import { BuiltinDef } from '../builtins/types';
import { createTransform } from '../builtins/etl';
import { ChariotError, ChariotRuntimeError } from '../errors';
import { parse } from '../parser/parser';
import { toDisplay } from '../values/format';
import { ChFunction } from '../values/function';
import { DBNull, DBNullValue, truthy, Value } from '../values/values';
import { checkType, defaultFor, typeName } from '../values/types';
import { Runtime, Sig } from './runtime';
import { Scope } from './scope';
import { compareValues, equalValues } from './ops';

/** A compiled expression: evaluating it in a scope yields its value. */
export type Code = (s: Scope) => Value;

/**
 * Compiles the syntax tree to a tree of JS closures, once per run. Names of builtins are
 * resolved here, the hottest builtins (add, sub, smaller, equal, …) are inlined, and control
 * flow travels as a flag on the runtime (`rt.sig`) rather than as exceptions.
 */
export class Compiler {
  constructor(
    private readonly rt: Runtime,
    private readonly builtins: ReadonlyMap<string, BuiltinDef>,
  ) {
    rt.compileFunction = (params, body, scope) => {
      const prog = parse(body);
      const code = this.seq(prog.body);
      return new ChFunction(params, code, scope);
    };
  }

  program(p: Program): Code {
    const rt = this.rt;
    const stmts = p.body.map((e) => this.expr(e));
    const nodes = p.body;
    return (s) => {
      let v: Value = undefined;
      for (let i = 0; i < stmts.length; i++) {
        v = stmts[i](s);
        if (rt.sig !== Sig.None) {
          const sig = rt.sig;
          if (sig === Sig.Exit) return v;
          rt.sig = Sig.None;
          const n = nodes[i];
          if (sig === Sig.Return) {
            // part A: at top level `return` fails the program; we keep its value instead
            v = rt.sigValue;
            rt.sigValue = undefined;
            return v;
          }
          throw new ChariotRuntimeError(sig === Sig.Break ? 'break outside of a loop' : 'continue outside of a loop', 'RUNTIME_ERROR', n.line, n.col);
        }
      }
      return v;
    };
  }

  seq(body: Expr[]): Code {
    const rt = this.rt;
    const codes = body.map((e) => this.expr(e));
    const n = codes.length;
    if (n === 0) return () => undefined;
    if (n === 1) return codes[0];
    if (n === 2) {
      const [a, b] = codes;
      return (s) => {
        const v = a(s);
        if (rt.sig !== Sig.None) return v;
        return b(s);
      };
    }
    return (s) => {
      let v: Value = undefined;
      for (let i = 0; i < n; i++) {
        v = codes[i](s);
        if (rt.sig !== Sig.None) return v;
      }
      return v;
    };
  }

  expr(e: Expr): Code {
    switch (e.kind) {
      case 'number':
      case 'string': {
        const v = e.value;
        return () => v;
      }
      case 'name':
        return this.nameRef(e.name, e.line, e.col);
      case 'block':
        return this.seq(e.body);
      case 'array': {
        const rt = this.rt;
        const items = e.items.map((x) => this.expr(x));
        const n = items.length;
        return (s) => {
          const out: Value[] = new Array<Value>(n);
          for (let i = 0; i < n; i++) out[i] = items[i](s);
          if (rt.sig !== Sig.None) return undefined;
          return out;
        };
      }
      case 'if':
        return this.ifExpr(e);
      case 'while':
        return this.whileExpr(e);
      case 'switch':
        return this.switchExpr(e);
      case 'func': {
        const params = e.params;
        const body = this.seq(e.body.body);
        return (s) => new ChFunction(params, body, s);
      }
      case 'binary':
        return this.binary(e);
      case 'logical': {
        const rt = this.rt;
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        if (e.op === '&&') {
          return (s) => {
            const a = l(s);
            if (rt.sig !== Sig.None || !truthy(a)) return false;
            return truthy(r(s));
          };
        }
        return (s) => {
          const a = l(s);
          if (rt.sig !== Sig.None) return false;
          return truthy(a) || truthy(r(s));
        };
      }
      case 'unary': {
        const rt = this.rt;
        const o = this.expr(e.operand);
        const { line, col } = e;
        if (e.op === '!') return (s) => !truthy(o(s));
        return (s) => {
          const v = o(s);
          if (typeof v === 'number') return -v;
          if (rt.sig !== Sig.None) return undefined;
          throw new ChariotRuntimeError(`operator - needs a number, got ${typeName(v)}`, 'RUNTIME_ERROR', line, col);
        };
      }
      case 'assign':
        return this.assign(e);
      case 'call':
        return this.call(e);
    }
  }

  private nameRef(name: string, line: number, col: number): Code {
    const rt = this.rt;
    return (s) => {
      let sc: Scope | null = s;
      do {
        const vars: Map<string, Value> | null = sc.vars;
        if (vars !== null) {
          const v = vars.get(name);
          if (v !== undefined || vars.has(name)) return v;
        }
        sc = sc.parent;
      } while (sc !== null);
      const h = rt.hostObjects.get(name);
      if (h !== undefined) return h;
      const nn = rt.namedNodes.get(name);
      if (nn !== undefined) return nn;
      const f = rt.userFuncs.get(name);
      if (f !== undefined) return f;
      throw new ChariotRuntimeError(`variable '${name}' not defined`, 'RUNTIME_ERROR', line, col);
    };
  }

  private ifExpr(e: If): Code {
    const rt = this.rt;
    const cond = this.expr(e.cond);
    const then = this.seq(e.then.body);
    const other: Code | undefined = e.otherwise
      ? e.otherwise.kind === 'if'
        ? this.ifExpr(e.otherwise)
        : this.childScoped(this.seq(e.otherwise.body))
      : undefined;
    return (s) => {
      const c = cond(s);
      if (rt.sig !== Sig.None) return undefined;
      if (truthy(c)) return then(new Scope(s));
      if (other !== undefined) return other(s);
      return DBNull;
    };
  }

  private childScoped(code: Code): Code {
    return (s) => code(new Scope(s));
  }

  private whileExpr(e: While): Code {
    const rt = this.rt;
    const cond = this.expr(e.cond);
    const body = this.seq(e.body.body);
    return (s) => {
      let last: Value = undefined;
      for (;;) {
        if (++rt.steps > rt.maxSteps) rt.step();
        const c = cond(s);
        if (rt.sig !== Sig.None) return undefined;
        if (!truthy(c)) break;
        const v = body(s);
        if (rt.sig !== Sig.None) {
          const sig = rt.sig;
          if (sig === Sig.Break) {
            rt.sig = Sig.None;
            break;
          }
          if (sig === Sig.Continue) {
            rt.sig = Sig.None;
            continue;
          }
          return v;
        }
        last = v;
      }
      return last;
    };
  }

  private switchExpr(e: Switch): Code {
    const rt = this.rt;
    const subject = e.subject ? this.expr(e.subject) : undefined;
    const tests = e.cases.map((c) => this.expr(c.test));
    const bodies = e.cases.map((c) => this.seq(c.body.body));
    const dflt = e.defaultBody ? this.seq(e.defaultBody.body) : undefined;
    const n = tests.length;
    return (s) => {
      let subj: Value = undefined;
      if (subject !== undefined) {
        subj = subject(s);
        if (rt.sig !== Sig.None) return undefined;
      }
      for (let i = 0; i < n; i++) {
        const t = tests[i](s);
        if (rt.sig !== Sig.None) return undefined;
        if (subject !== undefined ? equalValues(subj, t) : truthy(t)) return bodies[i](s);
      }
      return dflt !== undefined ? dflt(s) : DBNull;
    };
  }

  private binary(e: Binary): Code {
    const rt = this.rt;
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    const { line, col, op } = e;
    const bad = (a: Value, b: Value): never => {
      throw new ChariotRuntimeError(
        `operator ${op} cannot be applied to ${typeName(a)} and ${typeName(b)}`,
        'RUNTIME_ERROR',
        line,
        col,
      );
    };
    switch (op) {
      case '+':
        return (s) => {
          const a = l(s);
          const b = r(s);
          if (typeof a === 'number' && typeof b === 'number') return a + b;
          if (rt.sig !== Sig.None) return undefined;
          if (typeof a === 'string' || typeof b === 'string') {
            const out = toDisplay(a) + toDisplay(b);
            if (out.length > rt.maxString) rt.checkString(out);
            return out;
          }
          return bad(a, b);
        };
      case '-':
      case '*':
      case '/':
      case '%': {
        const f =
          op === '-'
            ? (a: number, b: number) => a - b
            : op === '*'
              ? (a: number, b: number) => a * b
              : op === '/'
                ? (a: number, b: number) => a / b
                : (a: number, b: number) => a % b;
        const checkZero = op === '/' || op === '%';
        return (s) => {
          const a = l(s);
          const b = r(s);
          if (typeof a === 'number' && typeof b === 'number') {
            if (checkZero && b === 0) throw new ChariotRuntimeError('division by zero', 'RUNTIME_ERROR', line, col);
            return f(a, b);
          }
          if (rt.sig !== Sig.None) return undefined;
          return bad(a, b);
        };
      }
      case '==':
        return (s) => {
          const a = l(s);
          return equalValues(a, r(s));
        };
      case '!=':
        return (s) => {
          const a = l(s);
          return !equalValues(a, r(s));
        };
      default: {
        const test =
          op === '<'
            ? (c: number) => c < 0
            : op === '<='
              ? (c: number) => c <= 0
              : op === '>'
                ? (c: number) => c > 0
                : (c: number) => c >= 0;
        return (s) => {
          const a = l(s);
          const b = r(s);
          if (typeof a === 'number' && typeof b === 'number') return test(a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN);
          if (rt.sig !== Sig.None) return undefined;
          if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
          return bad(a, b);
        };
      }
    }
  }

  private assign(e: Assign): Code {
    const rt = this.rt;
    const v = this.expr(e.value);
    const name = e.name;
    const { line, col } = e;
    if (e.declare) {
      return (s) => {
        const x = v(s);
        if (rt.sig !== Sig.None) return undefined;
        s.define(name, x);
        return x;
      };
    }
    return (s) => {
      const x = v(s);
      if (rt.sig !== Sig.None) return undefined;
      setVariable(s, name, x, line, col);
      return x;
    };
  }

  private call(e: Call): Code {
    const special = this.specialForm(e);
    if (special) return special;
    const def = this.builtins.get(e.name);
    if (def) return this.builtinCall(e, def);
    return this.userCall(e);
  }

  private evalArgs(e: Call): (s: Scope) => Value[] | null {
    const rt = this.rt;
    const codes = e.args.map((a) => this.expr(a));
    const n = codes.length;
    if (n === 0) return () => [];
    if (n === 1) {
      const a = codes[0];
      return (s) => {
        const x = a(s);
        return rt.sig !== Sig.None ? null : [x];
      };
    }
    if (n === 2) {
      const [a, b] = codes;
      return (s) => {
        const x = a(s);
        const y = b(s);
        return rt.sig !== Sig.None ? null : [x, y];
      };
    }
    return (s) => {
      const out = new Array<Value>(n);
      for (let i = 0; i < n; i++) out[i] = codes[i](s);
      return rt.sig !== Sig.None ? null : out;
    };
  }

  private builtinCall(e: Call, def: BuiltinDef): Code {
    const rt = this.rt;
    const { line, col, name } = e;
    const n = e.args.length;
    if (n < def.minArgs || (def.maxArgs !== null && n > def.maxArgs)) {
      const msg = arityMessage(def, n);
      return () => {
        throw new ChariotRuntimeError(msg, 'RUNTIME_ERROR', line, col, name);
      };
    }
    const fast = n === 2 ? this.inline2(e) : undefined;
    if (fast) return fast;
    const fn = def.fn;
    const args = this.evalArgs(e);
    return (s) => {
      const a = args(s);
      if (a === null) return undefined;
      if (++rt.steps > rt.maxSteps) rt.step();
      try {
        return fn(a, rt, s);
      } catch (err) {
        throw rt.wrapError(err, line, col, name);
      }
    };
  }

  /** Inlined two-argument arithmetic and comparison builtins (the fib/loop hot path). */
  private inline2(e: Call): Code | undefined {
    const rt = this.rt;
    const def = this.builtins.get(e.name);
    if (!def) return undefined;
    const slow = def.fn;
    const { line, col, name } = e;
    const mk =
      (fast: (a: number, b: number) => Value) =>
      (l: Code, r: Code): Code =>
      (s) => {
        const a = l(s);
        const b = r(s);
        if (typeof a === 'number' && typeof b === 'number') return fast(a, b);
        if (rt.sig !== Sig.None) return undefined;
        try {
          return slow([a, b], rt, s);
        } catch (err) {
          throw rt.wrapError(err, line, col, name);
        }
      };
    let build: ((l: Code, r: Code) => Code) | undefined;
    switch (e.name) {
      case 'add':
        build = mk((a, b) => a + b);
        break;
      case 'sub':
        build = mk((a, b) => a - b);
        break;
      case 'mul':
        build = mk((a, b) => a * b);
        break;
      case 'smaller':
        build = mk((a, b) => a < b);
        break;
      case 'bigger':
        build = mk((a, b) => a > b);
        break;
      case 'smallerEq':
        build = mk((a, b) => a <= b);
        break;
      case 'biggerEq':
        build = mk((a, b) => a >= b);
        break;
      case 'equal':
        build = mk((a, b) => a === b);
        break;
      default:
        return undefined;
    }
    return build(this.expr(e.args[0]), this.expr(e.args[1]));
  }

  private userCall(e: Call): Code {
    const rt = this.rt;
    const { line, col, name } = e;
    const args = this.evalArgs(e);
    const lookup = this.nameRefOrNull(name);
    return (s) => {
      const a = args(s);
      if (a === null) return undefined;
      let f: Value = rt.userFuncs.get(name);
      if (f === undefined) f = lookup(s);
      if (!(f instanceof ChFunction)) throw new ChariotRuntimeError(`undefined function '${name}'`, 'RUNTIME_ERROR', line, col, name);
      try {
        return rt.callFunction(f, a);
      } catch (err) {
        throw rt.wrapError(err, line, col, name);
      }
    };
  }

  private nameRefOrNull(name: string): Code {
    return (s) => {
      const sc = s.find(name);
      return sc === null ? undefined : sc.vars?.get(name);
    };
  }

  /** setq, declare, declareGlobal, and, or, iif, call: compiled specially. */
  private specialForm(e: Call): Code | undefined {
    const rt = this.rt;
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
        const v = this.expr(e.args[1]);
        const vname = target.name;
        return (s) => {
          const x = v(s);
          if (rt.sig !== Sig.None) return undefined;
          setVariable(s, vname, x, line, col);
          return x;
        };
      }
      case 'declare':
      case 'declareGlobal': {
        if (e.args.length < 2) return err(`${name} requires at least 2 arguments: name and type`);
        if (e.args.length > 3) return err(`${name} takes at most 3 arguments`);
        const target = e.args[0];
        if (target.kind !== 'name') return err(`${name}: first argument must be a variable name`);
        const vname = target.name;
        const typeCode = this.expr(e.args[1]);
        const init = e.args.length > 2 ? this.expr(e.args[2]) : undefined;
        const global = name === 'declareGlobal';
        return (s) => {
          const t = typeCode(s);
          if (rt.sig !== Sig.None) return undefined;
          if (typeof t !== 'string') throw new ChariotRuntimeError('type must be a string', 'RUNTIME_ERROR', line, col, name);
          let x: Value;
          try {
            x = init !== undefined ? init(s) : defaultFor(t);
            if (rt.sig !== Sig.None) return undefined;
            checkType(t, x);
          } catch (ex) {
            throw rt.wrapError(ex, line, col, name);
          }
          (global ? rt.global : s).define(vname, x, t);
          return x;
        };
      }
      case 'and':
      case 'or': {
        if (e.args.length === 0) return err('missing argument(s) -- expected 1 or more booleans');
        const codes = e.args.map((a) => this.expr(a));
        const isAnd = name === 'and';
        return (s) => {
          for (const c of codes) {
            const v = c(s);
            if (rt.sig !== Sig.None) return undefined;
            if (v instanceof DBNullValue) return !isAnd;
            if (typeof v !== 'boolean') throw new ChariotRuntimeError(`type mismatch: expected boolean, got ${typeName(v)}`, 'RUNTIME_ERROR', line, col, name);
            if (v !== isAnd) return v;
          }
          return isAnd;
        };
      }
      case 'createTransform': {
        if (e.args.length !== 1) return err('createTransform requires 1 argument: the transform name');
        const target = e.args[0];
        if (target.kind === 'name') {
          const tname = target.name;
          return () => createTransform(tname, rt);
        }
        const v = this.expr(target);
        return (s) => {
          const x = v(s);
          if (typeof x !== 'string') throw new ChariotRuntimeError('createTransform: first argument must be a name', 'RUNTIME_ERROR', line, col, name);
          return createTransform(x, rt);
        };
      }
      case 'iif': {
        if (e.args.length !== 3) return err('iif requires 3 arguments');
        const [c, a, b] = e.args.map((x) => this.expr(x));
        return (s) => {
          const v = c(s);
          if (rt.sig !== Sig.None) return undefined;
          if (typeof v !== 'boolean') throw new ChariotRuntimeError(`type mismatch: expected boolean condition, got ${typeName(v)}`, 'RUNTIME_ERROR', line, col, name);
          return v ? a(s) : b(s);
        };
      }
      case 'call': {
        if (e.args.length === 0) return err('call requires at least a function argument');
        const fcode = this.expr(e.args[0]);
        const rest = e.args.slice(1).map((x) => this.expr(x));
        const n = rest.length;
        return (s) => {
          const f = fcode(s);
          const a = new Array<Value>(n);
          for (let i = 0; i < n; i++) a[i] = rest[i](s);
          if (rt.sig !== Sig.None) return undefined;
          if (!(f instanceof ChFunction)) throw new ChariotRuntimeError(`expected function value, got ${typeName(f)}`, 'RUNTIME_ERROR', line, col, name);
          try {
            return rt.callFunction(f, a);
          } catch (ex) {
            throw rt.wrapError(ex, line, col, name);
          }
        };
      }
    }
    return undefined;
  }
}

/** setq semantics: update where the name lives (keeping its declared type), else create here. */
export function setVariable(s: Scope, name: string, x: Value, line: number, col: number): void {
  const home = s.find(name);
  if (home === null) {
    (s.vars ??= new Map()).set(name, x);
    return;
  }
  const t = home.types?.get(name);
  if (t !== undefined) {
    try {
      checkType(t, x);
    } catch (ex) {
      const msg = ex instanceof ChariotError ? ex.message : String(ex);
      throw new ChariotRuntimeError(`cannot assign to ${name}: ${msg}`, 'RUNTIME_ERROR', line, col, 'setq');
    }
  }
  (home.vars as Map<string, Value>).set(name, x);
}

function arityMessage(def: BuiltinDef, n: number): string {
  const { name, minArgs: lo, maxArgs: hi } = def;
  const what =
    hi === lo ? `exactly ${lo}` : hi === null ? `at least ${lo}` : n < lo ? `at least ${lo}` : `at most ${hi}`;
  return `${name} requires ${what} argument${(hi === lo ? lo : n < lo ? lo : hi) === 1 ? '' : 's'}, got ${n}`;
}

export { compareValues };

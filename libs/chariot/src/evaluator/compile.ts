import { Assign, Binary, Block, Call, Expr, If, Program, Switch, While } from '../ast/nodes';
import { BuiltinDef } from '../builtins/types';
import { createTransform } from '../builtins/etl';
import { ChariotError, ChariotRuntimeError } from '../errors';
import { parse } from '../parser/parser';
import { toDisplay } from '../values/format';
import { ChFunction } from '../values/function';
import { DBNull, DBNullValue, truthy, Value } from '../values/values';
import { checkType, defaultFor, typeName } from '../values/types';
import { Debugger } from './debugger';
import { Runtime, Sig } from './runtime';
import { Box, intern, Scope, SCOPE_EPOCH } from './scope';
import { compareValues, equalValues } from './ops';

/** A compiled expression: evaluating it in a scope yields its value. */
export type Code = (s: Scope) => Value;

/**
 * Compiles the syntax tree to a tree of JS closures, once per run. Names of builtins are
 * resolved here, the hottest builtins (add, sub, smaller, equal, …) are inlined, and control
 * flow travels as a flag on the runtime (`rt.sig`) rather than as exceptions.
 */
export class Compiler {
  /**
   * With a debugger every statement is compiled with a check in front of it; without one the
   * statements compile exactly as before, so an ordinary run pays nothing for debugging.
   */
  constructor(
    private readonly rt: Runtime,
    private readonly builtins: ReadonlyMap<string, BuiltinDef>,
    private debug?: Debugger,
  ) {
    rt.compileFunction = (params, body, scope) => {
      const prog = parse(body);
      // the body's lines count from its own text, not the program's: a breakpoint could not
      // point into it, so it runs without checks
      const code = this.withoutDebugger(() => this.seq(prog.body));
      return new ChFunction(params.map(intern), code, scope);
    };
  }

  program(p: Program): Code {
    const rt = this.rt;
    const stmts = p.body.map((e) => this.statement(e));
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
    const codes = body.map((e) => this.statement(e));
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

  /** A statement of a program, block or function body: an expression, checked first when debugging. */
  private statement(e: Expr): Code {
    const code = this.expr(e);
    const dbg = this.debug;
    if (dbg === undefined) return code;
    const rt = this.rt;
    const { line } = e;
    const col = startColumn(e);
    return (s) => {
      dbg.beforeStatement(line, col, rt.depth, s);
      return code(s);
    };
  }

  /** A loop body or function body: when debugging, each run of it is a new pass (see Debugger). */
  private pass(code: Code): Code {
    const dbg = this.debug;
    if (dbg === undefined) return code;
    const rt = this.rt;
    return (s) => {
      dbg.newPass(rt.depth);
      return code(s);
    };
  }

  private withoutDebugger<T>(compile: () => T): T {
    const dbg = this.debug;
    this.debug = undefined;
    try {
      return compile();
    } finally {
      this.debug = dbg;
    }
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
        const params = e.params.map(intern);
        const body = this.pass(this.seq(e.body.body));
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

  private nameRef(rawName: string, line: number, col: number, orUndefined = false): Code {
    const rt = this.rt;
    const name = intern(rawName);
    // inline cache: the cell found for the last scope object, valid while SCOPE_EPOCH is unchanged
    let cScope: Scope | null = null;
    let cBox: Box | null = null;
    let cEpoch = -1;
    return (s) => {
      let sc: Scope | null = s;
      do {
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
      } while (sc !== null);
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

  private ifExpr(e: If): Code {
    const rt = this.rt;
    const cond = this.expr(e.cond);
    const then = this.branch(e.then);
    const other: Code | undefined = e.otherwise
      ? e.otherwise.kind === 'if'
        ? this.ifExpr(e.otherwise)
        : this.branch(e.otherwise)
      : undefined;
    return (s) => {
      const c = cond(s);
      if (rt.sig !== Sig.None) return undefined;
      if (c === true || (c !== false && truthy(c))) return then(s);
      if (other !== undefined) return other(s);
      return DBNull;
    };
  }

  /**
   * An if branch runs in a new child scope. When the branch can never create a variable
   * (no setq/declare/let/assignment outside nested function literals) the child scope would
   * stay empty, so the branch runs in the current scope instead: same semantics, no allocation.
   */
  private branch(b: Block): Code {
    const code = this.seq(b.body);
    if (!b.body.some(mayDefine)) return code;
    return (s) => code(new Scope(s));
  }

  private whileExpr(e: While): Code {
    const rt = this.rt;
    const cond = this.expr(e.cond);
    const body = this.pass(this.seq(e.body.body));
    const { line, col } = e;
    return (s) => {
      let last: Value = undefined;
      for (;;) {
        if (++rt.steps > rt.maxSteps) rt.overSteps(line, col);
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
        return (s) => {
          const a = l(s);
          const b = r(s);
          if (typeof a === 'number' && typeof b === 'number') return a - b;
          return rt.sig !== Sig.None ? undefined : bad(a, b);
        };
      case '*':
        return (s) => {
          const a = l(s);
          const b = r(s);
          if (typeof a === 'number' && typeof b === 'number') return a * b;
          return rt.sig !== Sig.None ? undefined : bad(a, b);
        };
      case '/':
      case '%': {
        const isDiv = op === '/';
        return (s) => {
          const a = l(s);
          const b = r(s);
          if (typeof a === 'number' && typeof b === 'number') {
            if (b === 0) throw new ChariotRuntimeError('division by zero', 'RUNTIME_ERROR', line, col);
            return isDiv ? a / b : a % b;
          }
          return rt.sig !== Sig.None ? undefined : bad(a, b);
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
        const strTest =
          op === '<'
            ? (x: string, y: string) => x < y
            : op === '<='
              ? (x: string, y: string) => x <= y
              : op === '>'
                ? (x: string, y: string) => x > y
                : (x: string, y: string) => x >= y;
        const other = (a: Value, b: Value): Value => {
          if (rt.sig !== Sig.None) return undefined;
          if (typeof a === 'string' && typeof b === 'string') return strTest(a, b);
          return bad(a, b);
        };
        switch (op) {
          case '<':
            return (s) => {
              const a = l(s);
              const b = r(s);
              return typeof a === 'number' && typeof b === 'number' ? a < b : other(a, b);
            };
          case '<=':
            return (s) => {
              const a = l(s);
              const b = r(s);
              return typeof a === 'number' && typeof b === 'number' ? a <= b : other(a, b);
            };
          case '>':
            return (s) => {
              const a = l(s);
              const b = r(s);
              return typeof a === 'number' && typeof b === 'number' ? a > b : other(a, b);
            };
          default:
            return (s) => {
              const a = l(s);
              const b = r(s);
              return typeof a === 'number' && typeof b === 'number' ? a >= b : other(a, b);
            };
        }
      }
    }
  }

  private assign(e: Assign): Code {
    const rt = this.rt;
    const v = this.expr(e.value);
    const name = e.name;
    const iname = intern(name);
    const { line, col } = e;
    if (e.declare) {
      return (s) => {
        const x = v(s);
        if (rt.sig !== Sig.None) return undefined;
        s.define(iname, x);
        return x;
      };
    }
    const set = setter(name, line, col);
    return (s) => {
      const x = v(s);
      if (rt.sig !== Sig.None) return undefined;
      set(s, x);
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
      if (++rt.steps > rt.maxSteps) rt.overSteps(line, col);
      try {
        return fn(a, rt, s);
      } catch (err) {
        throw rt.wrapError(err, line, col, name);
      }
    };
  }

  /**
   * Inlined two-argument arithmetic and comparison builtins (the fib/loop hot path). Each
   * operator gets its own closure body so that V8 sees monomorphic code; anything other than
   * two numbers takes the builtin's own path (strings, errors).
   */
  private inline2(e: Call): Code | undefined {
    const rt = this.rt;
    const def = this.builtins.get(e.name);
    if (!def || !INLINED.has(e.name)) return undefined;
    const slowFn = def.fn;
    const { line, col, name } = e;
    const slow = (a: Value, b: Value, s: Scope): Value => {
      if (rt.sig !== Sig.None) return undefined;
      try {
        return slowFn([a, b], rt, s);
      } catch (err) {
        throw rt.wrapError(err, line, col, name);
      }
    };
    const l = this.expr(e.args[0]);
    const r = this.expr(e.args[1]);
    switch (e.name) {
      case 'add':
        return (s) => {
          const a = l(s);
          const b = r(s);
          return typeof a === 'number' && typeof b === 'number' ? a + b : slow(a, b, s);
        };
      case 'sub':
        return (s) => {
          const a = l(s);
          const b = r(s);
          return typeof a === 'number' && typeof b === 'number' ? a - b : slow(a, b, s);
        };
      case 'mul':
        return (s) => {
          const a = l(s);
          const b = r(s);
          return typeof a === 'number' && typeof b === 'number' ? a * b : slow(a, b, s);
        };
      case 'smaller':
        return (s) => {
          const a = l(s);
          const b = r(s);
          return typeof a === 'number' && typeof b === 'number' ? a < b : slow(a, b, s);
        };
      case 'bigger':
        return (s) => {
          const a = l(s);
          const b = r(s);
          return typeof a === 'number' && typeof b === 'number' ? a > b : slow(a, b, s);
        };
      case 'smallerEq':
        return (s) => {
          const a = l(s);
          const b = r(s);
          return typeof a === 'number' && typeof b === 'number' ? a <= b : slow(a, b, s);
        };
      case 'biggerEq':
        return (s) => {
          const a = l(s);
          const b = r(s);
          return typeof a === 'number' && typeof b === 'number' ? a >= b : slow(a, b, s);
        };
      default:
        // equal
        return (s) => {
          const a = l(s);
          const b = r(s);
          return typeof a === 'number' && typeof b === 'number' ? a === b : slow(a, b, s);
        };
    }
  }

  private userCall(e: Call): Code {
    const rt = this.rt;
    const { line, col, name } = e;
    const args = this.evalArgs(e);
    const lookup = this.nameRef(name, line, col, true);
    return (s) => {
      const a = args(s);
      if (a === null) return undefined;
      let f: Value = rt.userFuncs.size === 0 ? undefined : rt.userFuncs.get(name);
      if (f === undefined) f = lookup(s);
      if (!(f instanceof ChFunction)) throw new ChariotRuntimeError(`undefined function '${name}'`, 'RUNTIME_ERROR', line, col, name);
      try {
        return rt.callFunction(f, a);
      } catch (err) {
        throw rt.wrapError(err, line, col, name);
      }
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
        const set = setter(target.name, line, col);
        return (s) => {
          const x = v(s);
          if (rt.sig !== Sig.None) return undefined;
          set(s, x);
          return x;
        };
      }
      case 'declare':
      case 'declareGlobal': {
        if (e.args.length < 2) return err(`${name} requires at least 2 arguments: name and type`);
        if (e.args.length > 3) return err(`${name} takes at most 3 arguments`);
        const target = e.args[0];
        if (target.kind !== 'name') return err(`${name}: first argument must be a variable name`);
        const vname = intern(target.name);
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
        const a0 = rest[0];
        const a1 = rest[1];
        return (s) => {
          const f = fcode(s);
          let a: Value[];
          if (n === 1) a = [a0(s)];
          else if (n === 2) a = [a0(s), a1(s)];
          else {
            a = new Array<Value>(n);
            for (let i = 0; i < n; i++) a[i] = rest[i](s);
          }
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

const INLINED = new Set(['add', 'sub', 'mul', 'smaller', 'bigger', 'smallerEq', 'biggerEq', 'equal']);

const DEFINING_CALLS = new Set(['setq', 'declare', 'createTransform']);

/** True when evaluating e might create a variable in the current scope. */
function mayDefine(e: Expr): boolean {
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

/** Where a statement starts: a binary expression's own position is its operator's. */
function startColumn(e: Expr): number {
  return e.kind === 'binary' || e.kind === 'logical' ? startColumn(e.left) : e.col;
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
function setter(rawName: string, line: number, col: number): (s: Scope, x: Value) => void {
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

function arityMessage(def: BuiltinDef, n: number): string {
  const { name, minArgs: lo, maxArgs: hi } = def;
  const what =
    hi === lo ? `exactly ${lo}` : hi === null ? `at least ${lo}` : n < lo ? `at least ${lo}` : `at most ${hi}`;
  return `${name} requires ${what} argument${(hi === lo ? lo : n < lo ? lo : hi) === 1 ? '' : 's'}, got ${n}`;
}

export { compareValues };

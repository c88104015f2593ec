import { Expr, Program } from '../ast/nodes';
import { BuiltinDef } from '../builtins/types';
import { ChariotRuntimeError } from '../errors';
import { parse } from '../parser/parser';
import { ChFunction } from '../values/function';
import { truthy as truthyOf, Value } from '../values/values';
import { typeName } from '../values/types';
import { call } from './compiler/calls';
import type { Code } from './compiler/context';
import { ifExpr, logical, switchExpr, whileExpr } from './compiler/control';
import { nameRef, assign } from './compiler/names';
import { ParamOp } from './compiler/fast';
import { binary, paramOp } from './compiler/operators';
import { Debugger } from './debugger';
import { Runtime, Sig } from './runtime';
import { intern, Scope } from './scope';
import { compareValues } from './ops';

/**
 * Compiles the syntax tree to a tree of JS closures, once per run. Names of builtins are
 * resolved here, the hottest builtins (add, sub, smaller, equal, …) are inlined, and control
 * flow travels as a flag on the runtime (`rt.sig`) rather than as exceptions.
 *
 * The same flag suspends a run (Sig.Suspend): each closure that sees it after a child returns
 * at once and leaves the rest of its work as a frame (rt.later), so the JS stack unwinds to the
 * driver and the thread is free; the driver resumes by running the frames innermost first. The
 * synchronous path pays one flag test per child, which it paid for break/return already.
 *
 * The closures of each construct live in `compiler/`: names and assignment, control flow,
 * operators, calls and special forms; this class ties them together.
 */
export class Compiler {
  /**
   * With a debugger every statement is compiled with a check in front of it; without one the
   * statements compile exactly as before, so an ordinary run pays nothing for debugging.
   */
  constructor(
    readonly rt: Runtime,
    readonly builtins: ReadonlyMap<string, BuiltinDef>,
    private debug?: Debugger,
  ) {
    rt.compileFunction = (params, body, scope) => {
      const prog = parse(body);
      // the body's lines count from its own text, not the program's: a breakpoint could not
      // point into it, so it runs without checks
      const names = params.map(intern);
      const code = this.withoutDebugger(() => this.inScope(names, () => this.seq(prog.body)));
      return new ChFunction(names, code, scope);
    };
  }

  /**
   * The parameters of the function call scope the code being compiled runs in, directly (no
   * branch scope between): those names are resolved to their slot at compile time. Undefined
   * at top level and inside branch scopes, where a name may be shadowed at run time.
   */
  private params: readonly string[] | undefined = undefined;

  /** Compiles code that runs directly in a scope whose parameters are `params` (none: undefined). */
  inScope<T>(params: readonly string[] | undefined, compile: () => T): T {
    return this.within(this.debug, params, compile);
  }

  /**
   * The slot of a parameter of the current call scope, or -1. A parameter cannot be shadowed
   * within its own scope (define() writes a parameter's slot, never the variable map), so the
   * slot is where any lookup from that scope finds the name.
   */
  paramSlot(name: string): number {
    return this.params === undefined ? -1 : this.params.indexOf(name);
  }

  /** The expression as a ParamOp (`n - 1`), when it is one. */
  paramOp(e: Expr): ParamOp | undefined {
    return e.kind === 'binary' || e.kind === 'call' ? paramOp(this, e) : undefined;
  }

  /** The slot of the parameter a block's body is (`{ n }`), unchecked (no debugger); else -1. */
  bodySlot(body: Expr[]): number {
    const e = body[0];
    return body.length === 1 && e.kind === 'name' && this.debug === undefined ? this.paramSlot(e.name) : -1;
  }

  program(p: Program): Code {
    const rt = this.rt;
    const stmts = p.body.map((e) => this.statement(e));
    const nodes = p.body;
    const n = stmts.length;
    const run = (s: Scope, from: number): Value => {
      let v: Value = undefined;
      for (let i = from; i < n; i++) {
        v = stmts[i](s);
        if (rt.sig !== Sig.None) return settle(s, i, v);
      }
      return v;
    };
    /** Statement i ended with a signal. */
    const settle = (s: Scope, i: number, v: Value): Value => {
      const sig = rt.sig;
      if (sig === Sig.Suspend) {
        rt.laterWith(s, i, resumed);
        return undefined;
      }
      if (sig === Sig.Exit) return v;
      rt.sig = Sig.None;
      if (sig === Sig.Return) {
        // part A: at top level `return` fails the program; we keep its value instead
        v = rt.sigValue;
        rt.sigValue = undefined;
        return v;
      }
      const node = nodes[i];
      throw new ChariotRuntimeError(
        sig === Sig.Break ? 'break outside of a loop' : 'continue outside of a loop',
        'RUNTIME_ERROR',
        node.line,
        node.col,
      );
    };
    const resumed = (s: Scope, i: number, x: Value): Value =>
      rt.sig !== Sig.None ? settle(s, i, x) : i + 1 < n ? run(s, i + 1) : x;
    return (s) => run(s, 0);
  }

  seq(body: Expr[]): Code {
    const rt = this.rt;
    const codes = body.map((e) => this.statement(e));
    const n = codes.length;
    if (n === 0) return () => undefined;
    if (n === 1) return codes[0];
    if (n === 2) {
      const [a, b] = codes;
      const second = (s: Scope, x: Value): Value => (rt.sig !== Sig.None ? x : b(s));
      return (s) => {
        const v = a(s);
        if (rt.sig !== Sig.None) {
          if (rt.sig === Sig.Suspend) rt.laterIn(s, second);
          return v;
        }
        return b(s);
      };
    }
    const run = (s: Scope, from: number): Value => {
      let v: Value = undefined;
      for (let i = from; i < n; i++) {
        v = codes[i](s);
        if (rt.sig !== Sig.None) {
          if (rt.sig === Sig.Suspend && i + 1 < n) rt.laterWith(s, i + 1, next);
          return v;
        }
      }
      return v;
    };
    const next = (s: Scope, from: number, x: Value): Value => (rt.sig !== Sig.None ? x : run(s, from));
    return (s) => run(s, 0);
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
      const resumed = dbg.beforeStatement(line, col, rt.depth, s);
      if (resumed !== undefined) return rt.suspend({ kind: 'promise', promise: resumed }, () => code(s));
      return code(s);
    };
  }

  /** When debugging, what a call of a user function reports before it is made (the frame's name for the call stack). */
  callTracer(): ((name: string) => void) | undefined {
    const dbg = this.debug;
    if (dbg === undefined) return undefined;
    const rt = this.rt;
    return (name) => dbg.enterCall(name, rt.depth);
  }

  /** A loop body or function body: when debugging, each run of it is a new pass (see Debugger). */
  pass(code: Code): Code {
    const dbg = this.debug;
    if (dbg === undefined) return code;
    const rt = this.rt;
    return (s) => {
      dbg.newPass(rt.depth);
      return code(s);
    };
  }

  private withoutDebugger<T>(compile: () => T): T {
    return this.within(undefined, this.params, compile);
  }

  /** Compiles with this debugger and these parameters, then restores the outer ones. */
  private within<T>(debug: Debugger | undefined, params: readonly string[] | undefined, compile: () => T): T {
    const outer = { debug: this.debug, params: this.params };
    this.debug = debug;
    this.params = params;
    try {
      return compile();
    } finally {
      this.debug = outer.debug;
      this.params = outer.params;
    }
  }

  expr(e: Expr): Code {
    switch (e.kind) {
      case 'number':
      case 'string': {
        const v = e.value;
        return () => v;
      }
      case 'name': {
        const slot = this.paramSlot(e.name);
        if (slot >= 0) return (s) => s.vals[slot];
        return nameRef(this.rt, e.name, e.line, e.col);
      }
      case 'block':
        return this.seq(e.body);
      case 'array': {
        const items = this.list(e.items.map((x) => this.expr(x)));
        return (s) => items(s) ?? undefined;
      }
      case 'if':
        return ifExpr(this, e);
      case 'while':
        return whileExpr(this, e);
      case 'switch':
        return switchExpr(this, e);
      case 'func': {
        const params = e.params.map(intern);
        const body = this.pass(this.inScope(params, () => this.seq(e.body.body)));
        return (s) => new ChFunction(params, body, s);
      }
      case 'binary':
        return binary(this, e);
      case 'logical':
        return logical(this, e);
      case 'unary':
        return this.unary(e.op, this.expr(e.operand), e.line, e.col);
      case 'assign':
        return assign(this, e);
      case 'call':
        return call(this, e);
    }
  }

  /**
   * Evaluates codes in order into a fresh array (array literals, call arguments); null when a
   * child ended with a signal, the array itself from the frame left when it suspended.
   */
  list(codes: Code[]): (s: Scope) => Value[] | null {
    const rt = this.rt;
    const n = codes.length;
    if (n === 0) return () => [];
    const fill = (s: Scope, out: Value[], from: number): Value[] | null => {
      for (let i = from; i < n; i++) {
        const x = codes[i](s);
        if (rt.sig !== Sig.None) return pendingList(rt, s, out, i, fill);
        out[i] = x;
      }
      return out;
    };
    if (n === 1) {
      const a = codes[0];
      return (s) => {
        const x = a(s);
        return rt.sig !== Sig.None ? pendingList(rt, s, [undefined], 0, fill) : [x];
      };
    }
    if (n === 2) {
      const [a, b] = codes;
      return (s) => {
        const x = a(s);
        if (rt.sig !== Sig.None) return pendingList(rt, s, [undefined, undefined], 0, fill);
        const y = b(s);
        if (rt.sig !== Sig.None) return pendingList(rt, s, [x, undefined], 1, fill);
        return [x, y];
      };
    }
    return (s) => fill(s, new Array<Value>(n), 0);
  }

  private unary(op: '!' | '-', o: Code, line: number, col: number): Code {
    const rt = this.rt;
    if (op === '!') {
      const not = (v: Value): Value => (rt.sig !== Sig.None ? undefined : !truthyOf(v));
      return (s) => {
        const v = o(s);
        if (rt.sig !== Sig.None) {
          if (rt.sig === Sig.Suspend) rt.later(not);
          return undefined;
        }
        return !truthyOf(v);
      };
    }
    const negate = (v: Value): Value => {
      if (typeof v === 'number') return -v;
      if (rt.sig !== Sig.None) return undefined;
      throw new ChariotRuntimeError(`operator - needs a number, got ${typeName(v)}`, 'RUNTIME_ERROR', line, col);
    };
    return (s) => {
      const v = o(s);
      if (typeof v === 'number') return -v;
      if (rt.sig === Sig.Suspend) {
        rt.later(negate);
        return undefined;
      }
      return negate(v);
    };
  }
}

/** A list whose child `at` ended with a signal: leave a frame if it suspended. */
function pendingList(
  rt: Runtime,
  s: Scope,
  out: Value[],
  at: number,
  fill: (s: Scope, out: Value[], from: number) => Value[] | null,
): null {
  if (rt.sig === Sig.Suspend) {
    rt.later((y) => {
      if (rt.sig !== Sig.None) return null as unknown as Value;
      out[at] = y;
      return fill(s, out, at + 1) as Value;
    });
  }
  return null;
}

/** Where a statement starts: a binary expression's own position is its operator's. */
function startColumn(e: Expr): number {
  return e.kind === 'binary' || e.kind === 'logical' ? startColumn(e.left) : e.col;
}

export { compareValues };

import type { Expr } from '../ast/nodes';
import type { BuiltinDef } from '../builtins/types';
import { ChariotError, ChariotRuntimeError, ChariotSyntaxError } from '../errors';
import { parse } from '../parser/parser';
import { Value } from '../values/values';
import { Compiler } from './compile';
import type { Code } from './compiler/context';
import { DEFAULT_HOST } from './host';
import { Runtime, Sig } from './runtime';
import { Scope } from './scope';

/** Steps one probe may take (builtins charge their bulk work too); past it the probe fails, not the run. */
export const PROBE_STEPS = 10_000;

/**
 * The builtins a probe may call: those that only read their arguments and the scope. Anything
 * that writes a value in place, a variable, the log, the clock or the host is left out.
 */
export const READ_ONLY_BUILTINS: ReadonlySet<string> = new Set(
  [
    'typeOf valueType isNull isNumeric empty toString string toNumber toBool boolean exists',
    'equal equals unequal bigger smaller biggerEq smallerEq and or not iif',
    'add sub mul div mod abs sqrt pow exp floor ceiling ceil round int log ln log10 log2 sin cos tan pi e max min sum avg pct',
    'concat format sprintf lower upper toLowerCase toUpperCase lowerCase upperCase trim trimLeft trimRight replace substr substring',
    'right left strlen charAt char atPos fromCharCode ascii digits hasPrefix hasSuffix startsWith endsWith lastPos occurs append',
    'padLeft padRight repeat array range lastIndex',
    'getAt getAttribute getAttributes hasAttribute getProp getMeta getAllMeta indexOf length slice contains split join',
    'childCount firstChild lastChild getChildAt getChildByName getChildren findByName getParent getRoot isLeaf isRoot',
    'getDepth getLevel getPath getName getText nodeToString toJSON toSimpleJSON',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Evaluates expressions of the user's (watches, breakpoint conditions, logpoint messages) in a
 * paused or checked frame, without changing the run: read-only by construction, not on a copy
 * (copying the scope chain at every conditional breakpoint would cost what the run holds).
 * An expression that could write (an assignment, a function literal, a loop, a call of a
 * user function or of a builtin outside READ_ONLY_BUILTINS) is refused before it runs; the
 * rest run on a runtime of their own, metered (PROBE_STEPS) and with the run's string and
 * array limits, so a probe never moves the run's step count, clock or signals.
 */
export class Probes {
  private readonly rt: Runtime;
  private readonly compiler: Compiler;
  private readonly compiled = new Map<string, Code | ChariotError>();

  constructor(run: Runtime, builtins: ReadonlyMap<string, BuiltinDef>) {
    this.rt = new Runtime(DEFAULT_HOST, {
      maxSteps: PROBE_STEPS,
      maxCallDepth: 1,
      maxStringLength: run.maxString,
      maxArrayLength: run.maxArray,
    });
    this.compiler = new Compiler(this.rt, builtins);
  }

  /** The value of `source` seen from `scope`; throws a ChariotError when it is refused or fails. */
  evaluate(source: string, scope: Scope): Value {
    const code = this.compile(source);
    const rt = this.rt;
    rt.steps = 0;
    rt.maxSteps = Math.min(PROBE_STEPS, rt.checkpointSteps);
    rt.sig = Sig.None;
    rt.depth = 0;
    // a scope with a variable map in front: name lookups then walk the whole chain, parameter
    // slots included (compiled code skips a call scope that holds only parameters)
    const front = new Scope(scope);
    front.vars = new Map();
    try {
      const value = code(front);
      if (rt.sig !== Sig.None) throw new ChariotRuntimeError('a watch expression cannot break, return or exit');
      return value;
    } finally {
      rt.sig = Sig.None;
    }
  }

  private compile(source: string): Code {
    let code = this.compiled.get(source);
    if (code === undefined) {
      try {
        code = this.compileNew(source);
      } catch (e) {
        code = e instanceof ChariotError ? e : new ChariotRuntimeError(String(e));
      }
      this.compiled.set(source, code);
    }
    if (code instanceof ChariotError) throw code;
    return code;
  }

  private compileNew(source: string): Code {
    const { body } = parse(source);
    if (body.length !== 1)
      throw new ChariotSyntaxError(
        body.length === 0 ? 'empty expression' : 'one expression expected, not several statements',
      );
    const refused = writerIn(body[0], this.compiler.builtins);
    if (refused)
      throw new ChariotRuntimeError(
        `not evaluated: ${refused} could change the run (watch expressions are read-only)`,
        'READ_ONLY',
      );
    return this.compiler.expr(body[0]);
  }
}

/** What in `e` could write, described for the user; undefined when it only reads. */
export function writerIn(e: Expr, builtins: ReadonlyMap<string, BuiltinDef>): string | undefined {
  switch (e.kind) {
    case 'number':
    case 'string':
    case 'name':
      return undefined;
    case 'assign':
      return `assigning '${e.name}'`;
    case 'func':
      return 'a function literal';
    case 'while':
      return 'a loop';
    case 'switch':
      return 'a switch';
    case 'call':
      if (!builtins.has(e.name)) return `calling '${e.name}'`;
      if (!READ_ONLY_BUILTINS.has(e.name)) return `'${e.name}'`;
      return firstWriter(e.args, builtins);
    case 'block':
      return firstWriter(e.body, builtins);
    case 'array':
      return firstWriter(e.items, builtins);
    case 'if':
      return firstWriter(e.otherwise ? [e.cond, e.then, e.otherwise] : [e.cond, e.then], builtins);
    case 'binary':
    case 'logical':
      return firstWriter([e.left, e.right], builtins);
    case 'unary':
      return writerIn(e.operand, builtins);
  }
}

function firstWriter(es: Expr[], builtins: ReadonlyMap<string, BuiltinDef>): string | undefined {
  for (const e of es) {
    const w = writerIn(e, builtins);
    if (w) return w;
  }
  return undefined;
}

import type { Expr } from '../../ast/nodes';
import type { BuiltinDef } from '../../builtins/types';
import type { Value } from '../../values/values';
import type { Runtime } from '../runtime';
import type { Scope } from '../scope';
import type { ParamOp } from './fast';

/** A compiled expression: evaluating it in a scope yields its value. */
export type Code = (s: Scope) => Value;

/**
 * What the compilers of the constructs (names, control flow, operators, calls, special forms)
 * use of the Compiler that ties them together (compile.ts): they depend on this, not on it.
 */
export interface CompileContext {
  readonly rt: Runtime;
  readonly builtins: ReadonlyMap<string, BuiltinDef>;
  expr(e: Expr): Code;
  /** Statements in order; the value of the last. */
  seq(body: Expr[]): Code;
  /** Evaluates codes in order into a fresh array; null when a child ended with a signal. */
  list(codes: Code[]): (s: Scope) => Value[] | null;
  /** When debugging, what a call of a user function reports before it is made; else undefined. */
  callTracer(): ((name: string) => void) | undefined;
  /** A loop or function body: when debugging, each run of it is a new pass. */
  pass(code: Code): Code;
  /** Compiles code that runs directly in a scope whose parameters are `params` (none: undefined). */
  inScope<T>(params: readonly string[] | undefined, compile: () => T): T;
  /** The slot of a parameter of the current call scope, or -1. */
  paramSlot(name: string): number;
  /** The expression as a ParamOp (`n - 1`), when it is one. */
  paramOp(e: Expr): ParamOp | undefined;
  /** The slot of the parameter a block's body is (`{ n }`), unchecked; else -1. */
  bodySlot(body: Expr[]): number;
}

import type { Runtime } from '../evaluator/runtime';
import type { Scope } from '../evaluator/scope';
import type { Value } from '../values/values';

/** A builtin: evaluated arguments, the run's runtime, and the scope of the call site. */
export type BuiltinFn = (args: Value[], rt: Runtime, scope: Scope) => Value;

/** Public description of a builtin (GET /api/functions, editor completion). */
export interface BuiltinInfo {
  name: string;
  category: string;
  minArgs: number;
  maxArgs: number | null;
  doc: string;
}

export interface BuiltinDef extends BuiltinInfo {
  fn: BuiltinFn;
}

/** Declares the builtins of one category. Each entry: [name, minArgs, maxArgs|null, doc, fn]. */
export function table(category: string, entries: [string, number, number | null, string, BuiltinFn][]): BuiltinDef[] {
  return entries.map(([name, minArgs, maxArgs, doc, fn]) => ({ name, category, minArgs, maxArgs, doc, fn }));
}

import { Program } from '../ast/nodes';
import { BUILTINS } from '../builtins';
import { ChariotError, ChariotRuntimeError } from '../errors';
import { parse } from '../parser/parser';
import { JsonValue, toJson } from '../values/json';
import { Value } from '../values/values';
import { Compiler } from './compile';
import { ChariotHost, ChariotLimits, DEFAULT_HOST, DEFAULT_LIMITS } from './host';
import { Runtime, Sig } from './runtime';
import { Scope } from './scope';

export interface RunOptions {
  host?: Partial<ChariotHost>;
  limits?: Partial<ChariotLimits>;
}

export interface RunResult {
  value: JsonValue;
  exitCode?: number;
}

/** Parses a program; throws ChariotSyntaxError with line and column. */
export function parseChariot(source: string): Program {
  return parse(source);
}

/** Parses and runs a program in a fresh runtime and returns its raw Chariot value. */
export function runChariotRaw(source: string, options: RunOptions = {}): { value: Value; runtime: Runtime } {
  const prog = parse(source);
  const host: ChariotHost = { ...DEFAULT_HOST, ...stripUndefined(options.host ?? {}) };
  const limits: ChariotLimits = { ...DEFAULT_LIMITS, ...stripUndefined(options.limits ?? {}) };
  const rt = new Runtime(host, limits);
  try {
    const code = new Compiler(rt, BUILTINS).program(prog);
    const value = code(new Scope(rt.global));
    if (rt.sig === Sig.Exit) rt.sig = Sig.None;
    return { value, runtime: rt };
  } catch (e) {
    if (e instanceof ChariotError) throw e;
    throw rt.wrapError(e, 0, 0);
  }
}

/** Runs a program and converts its value to JSON. Throws ChariotError on any failure. */
export function runChariot(source: string, options: RunOptions = {}): RunResult {
  const { value, runtime } = runChariotRaw(source, options);
  let json: JsonValue;
  try {
    json = toJson(value);
  } catch (e) {
    throw e instanceof ChariotError ? e : new ChariotRuntimeError(`cannot convert the result: ${String(e)}`);
  }
  // a program stopped by exit(n) has no value of its own: it reports its exit code
  return runtime.exitCode !== undefined ? { value: null, exitCode: runtime.exitCode } : { value: json };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

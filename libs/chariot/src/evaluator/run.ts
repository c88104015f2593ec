import { Program } from '../ast/nodes';
import { BUILTINS } from '../builtins';
import { ChariotError, ChariotRuntimeError } from '../errors';
import { parse } from '../parser/parser';
import { JsonValue, toJson } from '../values/json';
import { TextBudget } from '../values/text-budget';
import { truthy, Value } from '../values/values';
import { Compiler } from './compile';
import type { Code } from './compiler/context';
import type { DebugOptions, DebugResume } from './debug-types';
import { interpolate, LOGPOINT_VALUE_CHARS, probeText, stackFrames, watchResults } from './pause-report';
import { Probes } from './probe';
import { Debugger } from './debugger';
import { ChariotHost, ChariotLimits, DEFAULT_HOST, DEFAULT_LIMITS } from './host';
import { snapshotVariables } from './inspect';
import { Runtime, Sig } from './runtime';
import { Scope } from './scope';
import type { SnapshotLimits, VariableSnapshot } from './snapshot';
import { isThenable } from './suspend';

export interface RunOptions {
  host?: Partial<ChariotHost>;
  limits?: Partial<ChariotLimits>;
  /** Size of the variable snapshots: at the end, and at each debugger pause (DEFAULT_SNAPSHOT_LIMITS). */
  snapshot?: Partial<SnapshotLimits>;
  /** Runs under the debugger: pauses go to host.pause. Without it no statement is checked. */
  debug?: DebugOptions;
}

export interface RunResult {
  value: JsonValue;
  exitCode?: number;
  /** The variables the program left defined (see snapshotVariables). */
  variables: VariableSnapshot[];
}

/** A finished run: its raw value, its runtime and the scope the program ran in. */
export interface RawRun {
  value: Value;
  runtime: Runtime;
  program: Scope;
}

/** Parses a program; throws ChariotSyntaxError with line and column. */
export function parseChariot(source: string): Program {
  return parse(source);
}

/** A parsed and compiled program in its fresh runtime, ready to run once. */
export interface PreparedRun {
  runtime: Runtime;
  program: Scope;
  code: Code;
}

/** Parses and compiles a program for a fresh runtime; a syntax error carries empty `variables`. */
export function prepareRun(source: string, options: RunOptions): PreparedRun {
  let prog: Program;
  try {
    prog = parse(source);
  } catch (e) {
    if (e instanceof ChariotError) e.variables = [];
    throw e;
  }
  const host: ChariotHost = { ...DEFAULT_HOST, ...stripUndefined(options.host ?? {}) };
  const limits: ChariotLimits = { ...DEFAULT_LIMITS, ...stripUndefined(options.limits ?? {}) };
  const rt = new Runtime(host, limits);
  const program = new Scope(rt.global);
  try {
    const debug = options.debug ? debuggerFor(rt, program, options.debug, options.snapshot) : undefined;
    return { runtime: rt, program, code: new Compiler(rt, BUILTINS, debug).program(prog) };
  } catch (e) {
    throw failure(rt, program, e, options);
  }
}

/** Any failure of a run as a ChariotError carrying the variables at that moment. */
export function failure(rt: Runtime, program: Scope, e: unknown, options: RunOptions): ChariotError {
  const error = e instanceof ChariotError ? e : rt.wrapError(e, 0, 0);
  // taken once, after the program has stopped: nothing of this is on the evaluation path
  error.variables ??= snapshotVariables(rt, program, options.snapshot);
  return error;
}

/**
 * Parses and runs a program in a fresh runtime and returns its raw Chariot value, synchronously:
 * the host's hooks do their own waiting. A ChariotError it throws carries `variables`: the
 * snapshot at the moment of failure (empty for a syntax error).
 */
export function runChariotRaw(source: string, options: RunOptions = {}): RawRun {
  const { runtime: rt, program, code } = prepareRun(source, options);
  try {
    const value = code(program);
    if (rt.sig === Sig.Exit) rt.sig = Sig.None;
    return { value, runtime: rt, program };
  } catch (e) {
    throw failure(rt, program, e, options);
  }
}

/** Runs a program and converts its value to JSON. Throws ChariotError on any failure. */
export function runChariot(source: string, options: RunOptions = {}): RunResult {
  return toRunResult(runChariotRaw(source, options), options);
}

/** The JSON result of a finished run, with the variables it left defined. */
export function toRunResult({ value, runtime, program }: RawRun, options: RunOptions): RunResult {
  const variables = snapshotVariables(runtime, program, options.snapshot);
  let json: JsonValue;
  try {
    json = toJson(value, new TextBudget(runtime.maxString));
  } catch (e) {
    const error = e instanceof ChariotError ? e : new ChariotRuntimeError(`cannot convert the result: ${String(e)}`);
    error.variables = variables;
    throw error;
  }
  // a program stopped by exit(n) has no value of its own: it reports its exit code
  return runtime.exitCode !== undefined
    ? { value: null, exitCode: runtime.exitCode, variables }
    : { value: json, variables };
}

/**
 * A debugger that reports each pause to the host with its call stack (each frame's variables)
 * and the watches' values, clock held; breakpoint conditions, logpoints and watches are
 * evaluated read-only (probe.ts).
 */
function debuggerFor(
  rt: Runtime,
  program: Scope,
  options: DebugOptions,
  snapshot: Partial<SnapshotLimits> | undefined,
): Debugger {
  const probes = new Probes(rt, BUILTINS);
  let watches = options.watches ?? [];
  const takeChanges = (resume: DebugResume): DebugResume => {
    if (typeof resume !== 'string' && resume.watches) watches = resume.watches;
    return resume;
  };
  return new Debugger(
    options,
    (line, column, depth, stack) => {
      const frames = stackFrames(rt, program, stack, snapshot);
      const event = {
        line,
        column,
        depth,
        variables: frames[0].variables,
        frames,
        watches: watchResults(probes, watches, stack[depth]?.scope ?? program, snapshot),
      };
      const pausedAt = rt.host.now();
      const resume = rt.host.pause(event);
      if (!isThenable(resume)) {
        rt.holdClock(rt.host.now() - pausedAt);
        return takeChanges(resume);
      }
      return Promise.resolve(resume).then((r) => {
        rt.holdClock(rt.host.now() - pausedAt);
        return takeChanges(r);
      });
    },
    // a synchronous run's host blocks anywhere; a suspending run cannot wait inside a callback
    () => !rt.async || rt.nested === 0,
    {
      holds: (condition, scope) => truthy(probes.evaluate(condition, scope)),
      log: (message, scope) =>
        rt.host.log(
          'INFO',
          interpolate(message, (expression) => probeText(probes, expression, scope, LOGPOINT_VALUE_CHARS)),
        ),
      warn: (message) => void rt.host.log('WARN', message),
    },
  );
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

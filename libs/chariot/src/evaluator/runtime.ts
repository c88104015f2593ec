import { ChariotError, ChariotRuntimeError, limitError } from '../errors';
import { ChFunction } from '../values/function';
import { DBNull, HostObject, TreeNode, Value } from '../values/values';
import { ChariotHost, ChariotLimits, LogLevel } from './host';
import { Scope } from './scope';

/** Pending control-flow signal (no exceptions for ordinary control flow). */
export enum Sig {
  None = 0,
  Break = 1,
  Continue = 2,
  Return = 3,
  Exit = 4,
}

/** The constants every run starts with in its global scope. */
export const PREDEFINED_GLOBALS: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['true', true],
  ['false', false],
  ['True', true],
  ['False', false],
  ['null', DBNull],
  ['Null', DBNull],
  ['DBNull', DBNull],
]);

/**
 * The state of one run: host hooks, limits and counters, the global scope, and the
 * registries that builtins share (registered functions, host objects, named nodes…).
 */
export class Runtime {
  steps = 0;
  depth = 0;
  sig: Sig = Sig.None;
  sigValue: Value = undefined;
  exitCode: number | undefined = undefined;
  /** Step count at which step() is consulted (the step limit, or the next clock check). */
  maxSteps: number;
  /** The configured step limit. */
  private stepBudget: number;
  readonly maxDepth: number;
  readonly maxString: number;
  readonly maxArray: number;
  /** Absolute host.now() deadline, or Infinity; moved on by the time a debugged run stays paused. */
  deadline: number;
  private readonly wallTimeMs: number;
  readonly global = new Scope(null);
  /** Functions registered by name (registerFunction). */
  readonly userFuncs = new Map<string, ChFunction>();
  readonly hostObjects = new Map<string, HostObject>();
  readonly namedNodes = new Map<string, TreeNode>();
  /** Process-wide state of the reference kept per run: the date functions' timezone. */
  timezone = 'America/Los_Angeles';
  /** Free-form per-run state for builtin families (transforms, users, keys…). */
  readonly state = new Map<string, unknown>();
  /** Compiles source text to a function (set by the evaluator; used by `function`). */
  compileFunction!: (params: string[], body: string, scope: Scope) => ChFunction;

  constructor(
    readonly host: ChariotHost,
    limits: ChariotLimits,
  ) {
    this.maxSteps = limits.maxSteps;
    this.maxDepth = limits.maxCallDepth;
    this.maxString = limits.maxStringLength;
    this.maxArray = limits.maxArrayLength;
    this.wallTimeMs = limits.maxWallTimeMs ?? 0;
    this.deadline = this.wallTimeMs > 0 ? host.now() + this.wallTimeMs : Infinity;
    this.stepBudget = limits.maxSteps;
    // with a deadline, maxSteps doubles as the trigger of the clock check (see overSteps)
    if (this.deadline !== Infinity) this.maxSteps = Math.min(limits.maxSteps, 1024);
    for (const [k, v] of PREDEFINED_GLOBALS) this.global.define(k, v);
  }

  /** Charges a builtin's bulk work (elements produced or visited) against the step budget. */
  charge(units: number): void {
    this.steps += Math.floor(units);
    if (this.steps > this.maxSteps) this.overSteps(0, 0);
  }

  step(): void {
    if (++this.steps > this.maxSteps) this.overSteps(0, 0);
  }

  /**
   * Called when the step counter passes maxSteps. That is either the step limit (throws
   * STEP_LIMIT) or, with a wall-time limit, a clock checkpoint every 1024 steps (throws
   * TIME_LIMIT when the deadline has passed, else moves the checkpoint and returns).
   */
  overSteps(line: number, col: number): void {
    if (this.steps > this.stepBudget) {
      throw limitError('STEP_LIMIT', `step limit exceeded (${this.stepBudget} steps)`).at(line, col);
    }
    if (this.deadline !== Infinity && this.host.now() > this.deadline) throw this.timeError().at(line, col);
    this.maxSteps = Math.min(this.stepBudget, this.steps + 1024);
  }

  /** Checks the wall-clock deadline (after sleeps). */
  checkClock(): void {
    if (this.deadline !== Infinity && this.host.now() > this.deadline) throw this.timeError();
  }

  timeError(): ChariotError {
    return limitError('TIME_LIMIT', `time limit exceeded (${this.wallTimeMs} ms)`);
  }

  /** The wall clock stands still while a debugged run is paused: the deadline moves by the pause. */
  holdClock(pausedMs: number): void {
    if (this.deadline !== Infinity && pausedMs > 0) this.deadline += pausedMs;
  }

  /** Calls a Chariot function with positional arguments (missing ones are DBNull). */
  callFunction(fn: ChFunction, args: Value[]): Value {
    if (++this.steps > this.maxSteps) this.overSteps(0, 0);
    if (++this.depth > this.maxDepth) throw limitError('CALL_DEPTH', `call depth exceeded (limit ${this.maxDepth})`);
    const scope = new Scope(fn.scope);
    const params = fn.params;
    const n = params.length;
    if (n > 0) {
      // the argument array becomes the parameter storage (callers pass a fresh array)
      if (args.length < n) {
        args = args.slice();
        while (args.length < n) args.push(DBNull);
      }
      scope.keys = params;
      scope.vals = args;
    }
    let v = fn.code(scope);
    this.depth--;
    if (this.sig === Sig.Return) {
      this.sig = Sig.None;
      v = this.sigValue;
      this.sigValue = undefined;
    }
    return v;
  }

  /** Calls a function from inside a builtin; a pending break/continue stays pending. */
  invoke(fn: Value, args: Value[], who: string): Value {
    if (!(fn instanceof ChFunction)) throw new ChariotRuntimeError(`${who}: expected a function`);
    return this.callFunction(fn, args.slice());
  }

  log(level: LogLevel, message: string): void {
    this.host.log(level, message);
  }

  checkString(s: string): string {
    if (s.length > this.maxString) throw limitError('STRING_LIMIT', `string length limit exceeded (${this.maxString} characters)`);
    return s;
  }

  checkArray<T>(a: T[]): T[] {
    if (a.length > this.maxArray) throw limitError('ARRAY_LIMIT', `array length limit exceeded (${this.maxArray} elements)`);
    return a;
  }

  /** Converts anything thrown inside a call to a positioned ChariotError. */
  wrapError(e: unknown, line: number, col: number, fname?: string): ChariotError {
    if (e instanceof ChariotError) return e.at(line, col, fname);
    // no regex here: near a stack overflow even compiling one can overflow again
    if (e instanceof RangeError && e.message.indexOf('call stack') >= 0) {
      return limitError('CALL_DEPTH', `call depth exceeded (JS stack exhausted)`).at(line, col, fname);
    }
    const msg = e instanceof Error ? e.message : String(e);
    return new ChariotRuntimeError(msg, 'RUNTIME_ERROR', line, col, fname);
  }
}

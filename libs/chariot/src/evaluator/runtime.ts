import { ChariotError, ChariotRuntimeError, limitError } from '../errors';
import { ChFunction } from '../values/function';
import { DBNull, HostObject, TreeNode, Value } from '../values/values';
import { ChariotHost, ChariotLimits, LogLevel } from './host';
import { Scope } from './scope';
import { Frame, isThenable, Wait, YIELD } from './suspend';

/** Pending control-flow signal (no exceptions for ordinary control flow). */
export enum Sig {
  None = 0,
  Break = 1,
  Continue = 2,
  Return = 3,
  Exit = 4,
  /**
   * The run is suspended (a sleep, a debugger pause, a full log pipe, the end of its time
   * slice): every closure returns at once and leaves its rest in `frames` for the driver.
   */
  Suspend = 5,
}

/** Steps between two checkpoints (clock, time slice, host interruption). */
export const CHECKPOINT_STEPS = 1024;

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
  /** The closures unwound by the current suspension, innermost first (see suspend). */
  frames: Frame[] = [];
  /** What the current suspension waits for. */
  wait: Wait | undefined = undefined;
  /**
   * True when a driver (startChariot) runs the program and can resume it: only then may it
   * suspend. A synchronous run (runChariot) never suspends; its host blocks instead.
   */
  async = false;
  /** Depth of builtin callbacks (apply, sortArray…) under way: a builtin's JS frame cannot be suspended. */
  nested = 0;
  /** host.now() at which the current time slice ends (Infinity: never yields). */
  sliceEnd = Infinity;
  /** The step count when the current slice began. */
  sliceSteps = 0;
  /** Steps between two checkpoints (smaller in tests, to suspend more often). */
  checkpointSteps = CHECKPOINT_STEPS;

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
    // maxSteps doubles as the trigger of the checkpoint (see overSteps)
    this.maxSteps = Math.min(limits.maxSteps, CHECKPOINT_STEPS);
    for (const [k, v] of PREDEFINED_GLOBALS) this.global.define(k, v);
  }

  /** Charges a builtin's bulk work (elements produced or visited) against the step budget. */
  charge(units: number): void {
    // only a positive count reaches the counter: a NaN (repeat(s, toNumber('nan'))) would turn the step limit off
    if (!(units > 0)) return;
    this.steps += Math.floor(units);
    if (this.steps > this.maxSteps) this.overSteps(0, 0);
  }

  step(): void {
    if (++this.steps > this.maxSteps) this.overSteps(0, 0);
  }

  /**
   * Called when the step counter passes maxSteps. That is either the step limit (throws
   * STEP_LIMIT) or a checkpoint every 1024 steps: the host may stop the run there
   * (host.checkpoint), the wall-time limit is checked (TIME_LIMIT), and true is returned when
   * the time slice is over and the caller, a loop or a call, should yield (see suspendable).
   */
  overSteps(line: number, col: number): boolean {
    if (this.steps > this.stepBudget) {
      throw limitError('STEP_LIMIT', `step limit exceeded (${this.stepBudget} steps)`).at(line, col);
    }
    this.maxSteps = Math.min(this.stepBudget, this.steps + this.checkpointSteps);
    this.host.checkpoint?.();
    if (this.deadline === Infinity && this.sliceEnd === Infinity) return false;
    const now = this.host.now();
    if (now > this.deadline) throw this.timeError().at(line, col);
    // a slice makes progress before it can end: a resumed call or loop test does not yield again at once
    if (now < this.sliceEnd || this.nested !== 0 || this.steps - this.sliceSteps < this.checkpointSteps) return false;
    // a builtin's charge() may have hit this checkpoint: the next loop test or call yields
    this.maxSteps = this.steps;
    return true;
  }

  /** True when the run may suspend here: under a driver and not inside a builtin's callback. */
  get suspendable(): boolean {
    return this.async && this.nested === 0;
  }

  /**
   * Suspends the run: sets Sig.Suspend so every closure returns at once, each leaving the rest
   * of its work in `frames`; `then` is the innermost rest (what the suspending builtin does with
   * the value the run resumes with). Returns undefined, for the caller to return.
   */
  suspend(wait: Wait, then?: (v: Value) => Value): undefined {
    this.sig = Sig.Suspend;
    this.wait = wait;
    this.frames = then ? [{ k: then }] : [];
    return undefined;
  }

  /** Leaves the rest of a closure for the driver while the run unwinds to suspend. */
  later(k: (v: Value) => Value, wrap?: (error: unknown) => unknown): void {
    this.frames.push(wrap ? { k, wrap } : { k });
  }

  /**
   * later() for a rest that needs the closure's scope. Compiled closures call this instead of
   * creating the frame's function themselves: a closure created in a hot closure's body would
   * make V8 allocate a context every time it runs, suspended or not.
   */
  laterIn(s: Scope, k: (s: Scope, v: Value) => Value): void {
    this.frames.push({ k: (v) => k(s, v) });
  }

  /** laterIn() with one more value the rest needs (an index, an operand). */
  laterWith<T>(s: Scope, t: T, k: (s: Scope, t: T, v: Value) => Value): void {
    this.frames.push({ k: (v) => k(s, t, v) });
  }

  /**
   * Waits for what a host hook returned, when it is a promise and the run can suspend here:
   * returns true after suspending (the caller returns undefined), false when there is nothing
   * to wait for. `mustWait` says whether a promise that cannot be waited for is an error.
   */
  awaitHost(result: unknown, what: string, then?: (v: Value) => Value, mustWait = true): boolean {
    if (!isThenable(result)) return false;
    if (!this.suspendable) {
      if (!mustWait) return false;
      throw new ChariotRuntimeError(`${what} cannot wait inside a function that a builtin calls (apply, sortArray, …)`);
    }
    this.suspend({ kind: 'promise', promise: result }, then);
    return true;
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

  /**
   * Calls a Chariot function with positional arguments (missing ones are DBNull). At the end of
   * a time slice it yields first and makes the call when resumed; a body that suspends leaves
   * the end of the call in `frames`.
   */
  callFunction(fn: ChFunction, args: Value[]): Value {
    if (++this.steps > this.maxSteps && this.overSteps(0, 0)) return this.yieldBefore(fn, args);
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
    const v = fn.code(scope);
    if (this.sig === Sig.Suspend) return this.suspendedCall(scope);
    return this.endCall(v);
  }

  // The slow paths of callFunction are methods of their own: a closure created inside it would
  // make V8 allocate a context on every call.
  private yieldBefore(fn: ChFunction, args: Value[]): undefined {
    return this.suspend(YIELD, () => this.callFunction(fn, args));
  }

  /** The frame keeps the call's scope: memory accounting counts what suspended calls hold. */
  private suspendedCall(scope: Scope): undefined {
    this.frames.push({ k: (x) => this.endCall(x), scope });
    return undefined;
  }

  private endCall(v: Value): Value {
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
    return this.callNested(fn, args.slice());
  }

  /**
   * A call made by a builtin's own JS code: that JS frame cannot be unwound, so nothing in the
   * callee suspends (no time slices; sleep inside fails with a clear error).
   */
  callNested(fn: ChFunction, args: Value[]): Value {
    this.nested++;
    try {
      return this.callFunction(fn, args);
    } finally {
      this.nested--;
    }
  }

  /** Writes a log entry; what the host returns (a promise while its pipe is full) is for the caller to await. */
  log(level: LogLevel, message: string): unknown {
    return this.host.log(level, message);
  }

  checkString(s: string): string {
    this.checkStringLength(s.length);
    return s;
  }

  checkArray<T>(a: T[]): T[] {
    this.checkArrayLength(a.length);
    return a;
  }

  /** STRING_LIMIT before a string of that length is built (repeat, padding, randomString…). */
  checkStringLength(n: number): void {
    if (n > this.maxString)
      throw limitError('STRING_LIMIT', `string length limit exceeded (${this.maxString} characters)`);
  }

  /** ARRAY_LIMIT before an array of that length is built (range, dateSchedule…). */
  checkArrayLength(n: number): void {
    if (n > this.maxArray) throw limitError('ARRAY_LIMIT', `array length limit exceeded (${this.maxArray} elements)`);
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

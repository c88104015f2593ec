import { ChariotError, ChariotRuntimeError } from '../errors';
import { Value } from '../values/values';
import { heldBytes } from './memory';
import { failure, prepareRun, RunOptions, RunResult, toRunResult } from './run';
import { Runtime, Sig } from './runtime';
import { Frame, Wait } from './suspend';

export interface TaskOptions extends RunOptions {
  /** Longest stretch, in ms, a run computes before it gives its thread to others (default 4). */
  sliceMs?: number;
  /** Gives the thread to other work between two slices (default: a zero-delay timer). */
  yieldSlice?: () => PromiseLike<unknown>;
  /** Bytes of values the run may hold (see heldBytes); past it the run fails with MEMORY_LIMIT. */
  memoryBytes?: number;
  /** Steps between two checkpoints (default 1024); tests make it small to suspend often. */
  checkpointSteps?: number;
}

const DEFAULT_SLICE_MS = 4;
/** The least time between two memory checks; a check that took t ms waits 20 t (≤ 5 % of the run). */
const MEMORY_CHECK_MS = 50;

const defaultYield = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A program run by the suspending driver. It computes in slices and suspends wherever it waits
 * (sleep, a debugger pause, a full log pipe), so many runs share one thread and none holds it
 * while it waits. `result` settles with the outcome; a ChariotError it rejects with carries the
 * variables at the moment of failure.
 */
export class ChariotTask {
  readonly result: Promise<RunResult>;
  private stopError: ChariotError | undefined;
  private wake: (() => void) | undefined;
  /** The last estimate of the bytes the run holds (0 until measured). */
  memoryBytes = 0;

  constructor(source: string, options: TaskOptions) {
    const userCheckpoint = options.host?.checkpoint;
    const checked: TaskOptions = {
      ...options,
      host: {
        ...options.host,
        // a stop is honoured at the next checkpoint, also where the run cannot yield
        checkpoint: () => {
          if (this.stopError) throw this.stopError;
          userCheckpoint?.();
        },
      },
    };
    this.result = this.drive(source, checked);
  }

  /** Ends the run at its next checkpoint or wait, with this error. */
  stop(error: ChariotError): void {
    if (this.stopError) return;
    this.stopError = error;
    this.wake?.();
  }

  private async drive(source: string, options: TaskOptions): Promise<RunResult> {
    const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    const yieldSlice = options.yieldSlice ?? defaultYield;
    const memoryLimit = options.memoryBytes ?? Infinity;
    const prepared = prepareRun(source, options);
    const { runtime: rt, program, code } = prepared;
    rt.async = true;
    if (options.checkpointSteps !== undefined) {
      rt.checkpointSteps = options.checkpointSteps;
      rt.maxSteps = Math.min(rt.maxSteps, options.checkpointSteps);
    }
    let nextMemoryCheck = 0;
    try {
      rt.sliceEnd = rt.host.now() + sliceMs;
      let value: Value = code(program);
      while (rt.sig === Sig.Suspend) {
        const frames = rt.frames;
        const wait = rt.wait as Wait;
        rt.sig = Sig.None;
        rt.frames = [];
        rt.wait = undefined;
        const resumed = await this.waitFor(wait, yieldSlice);
        const now = rt.host.now();
        if (memoryLimit !== Infinity && now >= nextMemoryCheck) {
          this.memoryBytes = heldBytes(rt, program, frames, memoryLimit);
          const took = rt.host.now() - now;
          if (this.memoryBytes > memoryLimit) {
            throw new ChariotRuntimeError(
              `memory limit exceeded (${Math.round(memoryLimit / 1048576)} MiB of values held)`,
              'MEMORY_LIMIT',
            );
          }
          nextMemoryCheck = now + Math.max(MEMORY_CHECK_MS, 20 * took);
        }
        rt.sliceEnd = rt.host.now() + sliceMs;
        rt.sliceSteps = rt.steps;
        value = resume(rt, frames, resumed);
      }
      if (rt.sig === Sig.Exit) rt.sig = Sig.None;
      return toRunResult({ value, runtime: rt, program }, options);
    } catch (e) {
      throw failure(rt, program, e, options);
    }
  }

  /** Waits for what the run suspended on, or for a stop, whichever comes first. */
  private async waitFor(wait: Wait, yieldSlice: () => PromiseLike<unknown>): Promise<Value> {
    this.throwIfStopped();
    let value: unknown;
    if (wait.kind === 'yield') {
      await yieldSlice();
    } else {
      const stopped = new Promise<void>((resolve) => (this.wake = resolve));
      value = await Promise.race([wait.promise, stopped]);
      this.wake = undefined;
    }
    // A method call, not an inline test: a stop may have come during the await, which the
    // compiler's narrowing of this.stopError after the first test does not know.
    this.throwIfStopped();
    return value as Value;
  }

  private throwIfStopped(): void {
    if (this.stopError) throw this.stopError;
  }
}

/**
 * Runs the frames a suspension left, innermost first, each given the value of the one before.
 * When a frame suspends again, the frames it left go before the ones not yet run. An error
 * passes through the wraps of the frames outside the one that threw, as it would have through
 * their try/catch on the JS stack.
 */
function resume(rt: Runtime, frames: Frame[], first: Value): Value {
  let v = first;
  for (let i = 0; i < frames.length; i++) {
    try {
      v = frames[i].k(v);
    } catch (e) {
      let error: unknown = e;
      for (let j = i + 1; j < frames.length; j++) {
        const wrap = frames[j].wrap;
        if (wrap) error = wrap(error);
      }
      throw error;
    }
    if (rt.sig === Sig.Suspend) {
      for (let j = i + 1; j < frames.length; j++) rt.frames.push(frames[j]);
      return undefined;
    }
  }
  return v;
}

/** Starts a program under the suspending driver (see ChariotTask). */
export function startChariot(source: string, options: TaskOptions = {}): ChariotTask {
  return new ChariotTask(source, options);
}

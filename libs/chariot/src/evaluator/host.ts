import { DEFAULT_MAX_STRING } from '../values/text-budget';
import type { DebugResume, PauseEvent } from './debug-types';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * Everything the language does outside pure computation goes through these hooks; the server's
 * executor threads and the CLI inject real ones. Defaults: no-op log/progress/sleep, Date.now,
 * Math.random, no environment, a pause that continues at once.
 *
 * A hook that waits (sleep, pause, a log pipe that is full) returns a promise: a run driven by
 * startChariot suspends there and resumes when it settles, leaving its thread to other runs.
 * Under the synchronous runChariot a hook must do its waiting before it returns.
 */
export interface ChariotHost {
  /** A promise asks the run to wait (flow control) before its next step; the entry is taken either way. */
  log(level: LogLevel, message: string): unknown;
  progress(percent: number, message: string): unknown;
  sleep(ms: number): unknown;
  /** Epoch milliseconds. */
  now(): number;
  /** A number in [0, 1). */
  random(): number;
  /**
   * The operator's allow-list is the host's job. Look the name up as an own entry (a Map,
   * Object.hasOwn): `env[name]` on a plain object answers 'constructor' or '__proto__' from its
   * prototype. getEnv/hasEnv treat any answer that is not a string as unset.
   */
  getEnv(name: string): string | undefined;
  /**
   * Optional source of cryptographically strong random bytes for generateKey/encryptDirect.
   * When absent, globalThis.crypto.getRandomValues is used if present, else random().
   */
  randomBytes?(n: number): Uint8Array;
  /**
   * A debugged run (RunOptions.debug) stopped before a statement. Returns (or resolves to) what
   * the user chose the run does next (and, when they changed them, the breakpoints from then
   * on). The time spent here does not count against maxWallTimeMs.
   */
  pause(event: PauseEvent): DebugResume | PromiseLike<DebugResume>;
  /**
   * Called every 1024 steps, also where the run cannot yield (inside a builtin's callback): the
   * host may throw here to stop a run that computes.
   */
  checkpoint?(): void;
}

export interface ChariotLimits {
  maxSteps: number;
  maxCallDepth: number;
  maxStringLength: number;
  maxArrayLength: number;
  /**
   * Optional wall-clock budget in ms, measured with host.now() every 1024 steps (plus every
   * sleep). The server also enforces wall time from outside the worker; this catches it early.
   */
  maxWallTimeMs?: number;
}

export const DEFAULT_LIMITS: ChariotLimits = Object.freeze({
  maxSteps: 50_000_000,
  maxCallDepth: 1000,
  maxStringLength: DEFAULT_MAX_STRING,
  maxArrayLength: 1_000_000,
});

export const DEFAULT_HOST: ChariotHost = Object.freeze({
  log: () => undefined,
  progress: () => undefined,
  sleep: () => undefined,
  now: () => Date.now(),
  random: () => Math.random(),
  getEnv: () => undefined,
  pause: () => 'continue',
});

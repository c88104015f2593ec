import type { DebugResume, PauseEvent } from './debugger';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * Everything the language does outside pure computation goes through these hooks; the server's
 * worker and the CLI inject real ones. Defaults: no-op log/progress/sleep, Date.now,
 * Math.random, no environment, a pause that continues at once.
 */
export interface ChariotHost {
  log(level: LogLevel, message: string): void;
  progress(percent: number, message: string): void;
  /** Synchronous: the worker blocks with Atomics.wait; the evaluator is synchronous. */
  sleep(ms: number): void;
  /** Epoch milliseconds. */
  now(): number;
  /** A number in [0, 1). */
  random(): number;
  /** The operator's allow-list is the host's job. */
  getEnv(name: string): string | undefined;
  /**
   * Optional source of cryptographically strong random bytes for generateKey/encryptDirect.
   * When absent, globalThis.crypto.getRandomValues is used if present, else random().
   */
  randomBytes?(n: number): Uint8Array;
  /**
   * A debugged run (RunOptions.debug) stopped before a statement. Synchronous like sleep: it
   * returns once the user has chosen what the run does next (and, when they changed them, the
   * breakpoints from then on). The time spent here does not count against maxWallTimeMs.
   */
  pause(event: PauseEvent): DebugResume;
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
  maxStringLength: 16 * 1024 * 1024,
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

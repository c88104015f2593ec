import type { Value } from '../values/values';
import type { Scope } from './scope';

/**
 * One closure of a suspended run, unwound off the JS stack: `k` is the rest of that closure,
 * given the value its child produced once the run resumed. `wrap` positions an error thrown
 * by an inner frame the way the closure's own try/catch did on the synchronous path.
 */
export interface Frame {
  k: (v: Value) => Value;
  wrap?: (error: unknown) => unknown;
  /** The scope of a suspended function call (a root of memory accounting). */
  scope?: Scope;
}

/** What a suspended run waits for: the end of its time slice, or a host promise whose value resumes it. */
export type Wait = { kind: 'yield' } | { kind: 'promise'; promise: PromiseLike<unknown> };

export const YIELD: Wait = Object.freeze({ kind: 'yield' });

export function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && typeof x === 'object' && typeof (x as { then?: unknown }).then === 'function';
}

import { ChFunction } from '../../values/function';
import { Value } from '../../values/values';
import { Runtime, Sig } from '../runtime';

/** Calls a Chariot function at a call site; errors from the callee, now or after a suspension, get the site's position. */
export function callAt(rt: Runtime, f: ChFunction, a: Value[], wrap: (err: unknown) => unknown): Value {
  let v: Value;
  try {
    v = rt.callFunction(f, a);
  } catch (err) {
    throw wrap(err);
  }
  if (rt.sig === Sig.Suspend) rt.later(same, wrap);
  return v;
}

/** The rest of a call that suspended: its value is the call's value. */
export const same = (v: Value): Value => v;

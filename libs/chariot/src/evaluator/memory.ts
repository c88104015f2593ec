import { ChFunction } from '../values/function';
import { ChMap, HostObject, TreeNode } from '../values/values';
import { Runtime } from './runtime';
import { Scope } from './scope';
import type { Frame } from './suspend';

/**
 * An estimate of the bytes of the values a suspended run holds: everything reachable from its
 * global and program scopes, the scopes of its suspended calls (in `frames`) and its registries
 * (functions, host objects, named nodes). Stops counting once past `limit`, so a check costs at most the limit's worth
 * of walking. A string is counted wherever it is held: equal texts are not always one string in
 * V8, so sharing is not assumed (the estimate errs high, never low). Temporaries that only a suspended closure holds are not seen; the single-value
 * limits (string and array length) bound those.
 */
export function heldBytes(rt: Runtime, program: Scope, frames: readonly Frame[], limit: number): number {
  let total = 0;
  const seen = new Set<object>();
  const work: unknown[] = [rt.global, program];
  for (const f of frames) if (f.scope) work.push(f.scope);
  for (const f of rt.userFuncs.values()) work.push(f);
  for (const h of rt.hostObjects.values()) work.push(h);
  for (const n of rt.namedNodes.values()) work.push(n);
  const text = (s: string) => {
    total += 16 + s.length * 2;
  };
  while (work.length > 0 && total <= limit) {
    const x = work.pop();
    if (typeof x === 'string') {
      text(x);
      continue;
    }
    if (x === null || typeof x !== 'object' || seen.has(x)) {
      total += 8;
      continue;
    }
    seen.add(x);
    if (Array.isArray(x)) {
      total += 16 + 8 * x.length;
      for (let i = 0; i < x.length; i++) work.push(x[i]);
    } else if (x instanceof Scope) {
      total += 48 + 8 * x.keys.length;
      for (let i = 0; i < x.keys.length; i++) work.push(x.vals[i]);
      if (x.vars) for (const [k, b] of x.vars) work.push(k, b.v);
      if (x.parent) work.push(x.parent);
    } else if (x instanceof ChMap) {
      total += 64;
      for (const [k, v] of x.map) work.push(k, v);
    } else if (x instanceof TreeNode) {
      total += 128;
      text(x.name);
      text(x.text);
      for (const [k, v] of x.attrs) work.push(k, v);
      for (const c of x.children) work.push(c);
    } else if (x instanceof HostObject) {
      total += 64;
      for (const [k, v] of x.props) work.push(k, v);
    } else if (x instanceof ChFunction) {
      total += 64;
      work.push(x.scope);
    } else {
      total += 64;
    }
  }
  return total;
}

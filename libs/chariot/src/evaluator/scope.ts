import { Value } from '../values/values';

/** A variable cell; `type` is the declared type code of a typed variable. */
export class Box {
  constructor(
    public v: Value,
    public type: string | undefined = undefined,
  ) {}
}

/**
 * Bumped whenever a name is added to or removed from an existing scope. Name-reference sites
 * cache the cell they found for a scope object and trust it while the epoch is unchanged
 * (new scopes never invalidate caches of other scopes, so function calls do not bump it).
 */
export const SCOPE_EPOCH = { n: 0 };

const NO_KEYS: readonly string[] = Object.freeze([]);
const NO_VALS: Value[] = [];

/** Returns the internalized copy of a name, so that scope lookups compare pointers. */
export function intern(name: string): string {
  return Object.keys({ [name]: 0 })[0];
}

/**
 * A variable scope: function parameters live in two parallel arrays (no allocation beyond the
 * argument array), every other variable in a lazily created map of cells.
 */
export class Scope {
  keys: readonly string[] = NO_KEYS;
  vals: Value[] = NO_VALS;
  vars: Map<string, Box> | null = null;

  constructor(readonly parent: Scope | null) {}

  /** The cell holding a map variable in this scope chain (parameters excluded). */
  private findBox(name: string): Box | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: Scope | null = this;
    while (s !== null) {
      if (s.keys.includes(name)) return undefined;
      const b = s.vars?.get(name);
      if (b !== undefined) return b;
      s = s.parent;
    }
    return undefined;
  }

  /** True when the name is defined somewhere in the chain. */
  has(name: string): boolean {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: Scope | null = this;
    while (s !== null) {
      if (s.keys.includes(name) || s.vars?.has(name)) return true;
      s = s.parent;
    }
    return false;
  }

  /** Value of a name, or undefined when absent (use has() to tell nil from absent). */
  get(name: string): Value {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: Scope | null = this;
    while (s !== null) {
      const i = s.keys.indexOf(name);
      if (i >= 0) return s.vals[i];
      const b = s.vars?.get(name);
      if (b !== undefined) return b.v;
      s = s.parent;
    }
    return undefined;
  }

  /** Defines (or redefines) a name in this scope, shadowing outer ones. */
  define(name: string, value: Value, type?: string): void {
    const i = this.keys.indexOf(name);
    if (i >= 0) {
      this.vals[i] = value;
      return;
    }
    const vars = (this.vars ??= new Map<string, Box>());
    const b = vars.get(name);
    const t = type === 'V' ? undefined : type;
    if (b !== undefined) {
      b.v = value;
      b.type = t;
      return;
    }
    vars.set(name, new Box(value, t));
    SCOPE_EPOCH.n++;
  }

  /** Removes a variable from the scope that holds it. */
  delete(name: string): boolean {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: Scope | null = this;
    while (s !== null) {
      if (s.vars?.delete(name)) {
        SCOPE_EPOCH.n++;
        return true;
      }
      s = s.parent;
    }
    return false;
  }

  /** Every value visible from this scope (innermost first). */
  allValues(): Value[] {
    const out: Value[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      out.push(...s.vals.slice(0, s.keys.length));
      for (const b of s.vars?.values() ?? []) out.push(b.v);
    }
    return out;
  }

  /** Name → value of the map variables of this scope only. */
  entries(): [string, Value][] {
    return [...(this.vars ?? [])].map(([k, b]) => [k, b.v]);
  }

  /** Internal to the evaluator: the cell for a name (see findBox). */
  boxOf(name: string): Box | undefined {
    return this.findBox(name);
  }
}

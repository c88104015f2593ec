import { Value } from '../values/values';

/**
 * A variable scope. Maps are created lazily: most `if` branch scopes never define anything,
 * so entering one costs a single small allocation.
 */
export class Scope {
  vars: Map<string, Value> | null = null;
  /** Declared type codes ('N', 'S', …) of typed variables; untyped ones are absent. */
  types: Map<string, string> | null = null;

  constructor(readonly parent: Scope | null) {}

  /** The scope in the chain that holds `name`, or null. */
  find(name: string): Scope | null {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: Scope | null = this;
    while (s !== null) {
      if (s.vars !== null && s.vars.has(name)) return s;
      s = s.parent;
    }
    return null;
  }

  define(name: string, value: Value, type?: string): void {
    (this.vars ??= new Map()).set(name, value);
    if (type !== undefined && type !== 'V') (this.types ??= new Map()).set(name, type);
    else if (this.types !== null) this.types.delete(name);
  }
}

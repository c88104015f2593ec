import { previewDisplay } from '../values/preview';
import { compareCodeUnits } from '../values/smallest-keys';
import { typeCode } from '../values/types';
import { Value } from '../values/values';
import { PREDEFINED_GLOBALS, Runtime } from './runtime';
import { Scope } from './scope';
import { DEFAULT_SNAPSHOT_LIMITS, SnapshotLimits, VariableSnapshot } from './snapshot';

interface Found {
  name: string;
  value: Value;
  scope: VariableSnapshot['scope'];
}

/**
 * The variables of the global scope (the predefined constants left out unless the program
 * redefined them) and of the program's top-level scope, globals first, each group by name.
 * Variables local to functions or blocks are gone by the time a program ends and are not seen.
 * Only the variables kept are formatted, each only as far as its preview reaches.
 */
export function snapshotVariables(
  rt: Runtime,
  program: Scope,
  limits: Partial<SnapshotLimits> = {},
): VariableSnapshot[] {
  const globals = variablesOf(rt.global, 'global').filter((v) => !isPredefined(v));
  return preview([...byName(globals), ...byName(variablesOf(program, 'program'))], limits);
}

/**
 * The variables visible from `scope` while a run is paused: its scope chain innermost first,
 * each scope's by name, a shadowed name only where it is seen; scopes below the program's are
 * `local`. The predefined constants are left out as in snapshotVariables.
 */
export function visibleVariables(
  rt: Runtime,
  program: Scope,
  scope: Scope,
  limits: Partial<SnapshotLimits> = {},
): VariableSnapshot[] {
  const seen = new Set<string>();
  const found: Found[] = [];
  for (let s: Scope | null = scope; s !== null; s = s.parent) {
    const label: Found['scope'] = s === rt.global ? 'global' : s === program ? 'program' : 'local';
    for (const v of byName(variablesOf(s, label))) {
      if (seen.has(v.name)) continue;
      seen.add(v.name);
      if (label !== 'global' || !isPredefined(v)) found.push(v);
    }
  }
  return preview(found, limits);
}

/** Keeps the first `maxVariables` and formats only those. */
function preview(found: Found[], limits: Partial<SnapshotLimits>): VariableSnapshot[] {
  const { previewChars, maxVariables } = { ...DEFAULT_SNAPSHOT_LIMITS, ...limits };
  return found.slice(0, Math.max(0, maxVariables)).map(({ name, value, scope }) => {
    const { text, truncated } = previewDisplay(value, previewChars);
    return { name, type: typeCode(value), value: text, truncated, scope };
  });
}

/** A scope's variables: parameter slots (a function scope's) and the named cells. */
function variablesOf(s: Scope, scope: Found['scope']): Found[] {
  const found = s.keys.map((name, i): Found => ({ name, value: s.vals[i], scope }));
  for (const [name, box] of s.vars ?? []) found.push({ name, value: box.v, scope });
  return found;
}

function isPredefined({ name, value }: Found): boolean {
  return PREDEFINED_GLOBALS.has(name) && PREDEFINED_GLOBALS.get(name) === value;
}

function byName(found: Found[]): Found[] {
  return found.sort((a, b) => compareCodeUnits(a.name, b.name));
}

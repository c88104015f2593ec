import { COMPARE_BUILTINS } from './compare';
import { FLOW_BUILTINS } from './flow';
import { MATH_BUILTINS } from './math';
import { STRING_BUILTINS } from './strings';
import { SYSTEM_BUILTINS } from './system';
import { BuiltinDef, BuiltinInfo } from './types';
import { VALUE_BUILTINS } from './values';
import { ACCESSOR_BUILTINS } from './accessors';
import { ARRAY_BUILTINS } from './arrays';
import { SEQUENCE_BUILTINS } from './sequences';
import { AUTH_BUILTINS } from './auth';
import { CRYPTO_BUILTINS } from './crypto';
import { DATE_BUILTINS } from './dates';
import { ETL_BUILTINS } from './etl';
import { FORMAT_BUILTINS } from './formats';
import { HOST_BUILTINS } from './host';
import { JSON_BUILTINS } from './json';
import { NODE_BUILTINS } from './nodes';
import { PLAN_BUILTINS } from './plan';
import { TREE_BUILTINS } from './tree';
import { XML_BUILTINS } from './xml';

export type { BuiltinDef, BuiltinInfo, BuiltinFn } from './types';

const ALL: BuiltinDef[] = [
  ...VALUE_BUILTINS,
  ...FLOW_BUILTINS,
  ...COMPARE_BUILTINS,
  ...MATH_BUILTINS,
  ...STRING_BUILTINS,
  ...SYSTEM_BUILTINS,
  ...DATE_BUILTINS,
  ...ARRAY_BUILTINS,
  ...ACCESSOR_BUILTINS,
  ...SEQUENCE_BUILTINS,
  ...NODE_BUILTINS,
  ...TREE_BUILTINS,
  ...JSON_BUILTINS,
  ...XML_BUILTINS,
  ...FORMAT_BUILTINS,
  ...ETL_BUILTINS,
  ...HOST_BUILTINS,
  ...CRYPTO_BUILTINS,
  ...AUTH_BUILTINS,
  ...PLAN_BUILTINS,
];

/** Every builtin by name. A name declared twice is a programming error. */
export const BUILTINS: ReadonlyMap<string, BuiltinDef> = (() => {
  const m = new Map<string, BuiltinDef>();
  for (const d of ALL) {
    if (m.has(d.name)) throw new Error(`builtin ${d.name} declared twice`);
    m.set(d.name, d);
  }
  return m;
})();

/** The public catalogue: name, category, arity and one-line doc of every builtin. */
export const BUILTIN_CATALOG: readonly BuiltinInfo[] = Object.freeze(
  ALL.map(({ name, category, minArgs, maxArgs, doc }) => Object.freeze({ name, category, minArgs, maxArgs, doc })),
);

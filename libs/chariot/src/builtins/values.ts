import { ChariotRuntimeError } from '../errors';
import { PREDEFINED_GLOBALS } from '../evaluator/runtime';
import { displayEach, toDisplay, formatNumber } from '../values/format';
import { TextBudget } from '../values/text-budget';
import { ChFunction } from '../values/function';
import { typeCode, typeName } from '../values/types';
import { ChMap, DBNull, DBNullValue, isArray, TreeNode, Value } from '../values/values';
import { BuiltinDef, table } from './types';
import { interpolate } from './strings';
import { arr, err, fn, isNull, str } from './util';

/**
 * The catalogue entry of a special form: the compiler compiles the form itself
 * (evaluator/compiler/special-forms.ts); `fn` only runs when it is called indirectly.
 */
const special = (name: string, doc: string, min: number, max: number | null): BuiltinDef => ({
  name,
  category: 'values',
  minArgs: min,
  maxArgs: max,
  doc,
  fn: () => {
    throw new ChariotRuntimeError(`${name} cannot be called indirectly`);
  },
});

/** toNumber as in the reference: Go ParseFloat of strings (no trimming), else 0. */
export function toNumberValue(v: Value): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    // `[\d_]*(\.\d*)?`, not `[\d_]*\.?\d*`: two digit runs side by side backtrack quadratically
    if (/^[+-]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) && !v.includes('_')) return Number(v);
    const m = /^([+-]?)(inf|infinity|nan)$/i.exec(v);
    if (m) return m[2].toLowerCase() === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity;
    return 0;
  }
  return 0;
}

/** toBool as in the reference: booleans, numbers ≠ 0, and the strings true/yes/1 (any case). */
export function toBoolValue(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    return s === 'true' || s === 'yes' || s === '1';
  }
  return false;
}

/**
 * toString: like %v, except arrays are their elements joined by ", " and maps "{k: v, …}". The
 * parts share one budget (see TextBudget).
 */
function toStringValue(v: Value, maxChars: number): string {
  const budget = new TextBudget(maxChars);
  if (Array.isArray(v)) return displayEach(v, budget).join(', ');
  if (v instanceof ChMap) {
    const keys = [...v.map.keys()];
    for (const k of keys) budget.spend(k.length + 2);
    const texts = displayEach([...v.map.values()], budget);
    return '{' + keys.map((k, i) => `${k}: ${texts[i]}`).join(', ') + '}';
  }
  return toDisplay(v, budget);
}

export const VALUE_BUILTINS: BuiltinDef[] = [
  special('setq', 'setq(name, value): assigns where the name lives, else creates it in the current scope.', 2, 2),
  special(
    'declare',
    'declare(name, type[, value]): defines a typed variable in the current scope (types N S L A M J X T F O V…).',
    2,
    3,
  ),
  special('declareGlobal', 'declareGlobal(name, type[, value]): defines a typed variable in the global scope.', 2, 3),
  special('call', 'call(fn, args…): calls a function value with positional arguments.', 1, null),
  ...table('values', [
    ['typeOf', 1, 1, 'One-letter type code: N S L A M T J X F H P E R V.', (a) => typeCode(a[0])],
    ['valueType', 1, 1, 'Go-style type name of a value.', (a) => typeName(a[0])],
    ['isNull', 1, 1, 'True for DBNull and no-value.', (a) => isNull(a[0])],
    [
      'isNumeric',
      1,
      1,
      'True for numbers and numeric strings.',
      (a) =>
        typeof a[0] === 'number' || (typeof a[0] === 'string' && a[0].trim() !== '' && !Number.isNaN(Number(a[0]))),
    ],
    [
      'empty',
      1,
      1,
      "True for DBNull, '', empty arrays and maps.",
      (a) => {
        const v = a[0];
        if (isNull(v)) return true;
        if (typeof v === 'string') return v === '';
        if (Array.isArray(v)) return v.length === 0;
        if (v instanceof ChMap) return v.map.size === 0;
        return false;
      },
    ],
    [
      'toString',
      1,
      1,
      'String form of a value (numbers as Go %v; arrays as "a, b").',
      (a, rt) => rt.checkString(toStringValue(a[0], rt.maxString)),
    ],
    [
      'string',
      1,
      1,
      'String form of a value (numbers as Go %v).',
      (a, rt) => rt.checkString(toDisplay(a[0], new TextBudget(rt.maxString))),
    ],
    ['toNumber', 1, 1, 'Converts a string, boolean or number to a number.', (a) => toNumberValue(a[0])],
    ['toBool', 1, 1, "Converts 'true'/'false', numbers and booleans to a boolean.", (a) => toBoolValue(a[0])],
    ['boolean', 1, 1, 'Alias of toBool.', (a) => toBoolValue(a[0])],
    [
      'function',
      1,
      2,
      "function([params], 'body'): builds a function from source text.",
      (a, rt, scope) => {
        const params = a.length > 1 ? arr(a[0], 'function').map((p) => str(p, 'function', 'parameter name')) : [];
        const body = str(a[a.length - 1], 'function', 'body');
        // compiling is work in proportion to the text
        rt.charge(body.length / 16);
        return rt.compileFunction(params, body, scope);
      },
    ],
    [
      'registerFunction',
      2,
      2,
      'registerFunction(name, fn): makes fn callable by name.',
      (a, rt) => {
        const f = fn(a[1], 'registerFunction');
        f.name ??= str(a[0], 'registerFunction');
        rt.userFuncs.set(str(a[0], 'registerFunction'), f);
        return f;
      },
    ],
    [
      'deleteFunction',
      1,
      1,
      'Removes a registered function.',
      (a, rt) => rt.userFuncs.delete(str(a[0], 'deleteFunction')),
    ],
    ['listFunctions', 0, 0, 'Names of the registered functions.', (_a, rt) => [...rt.userFuncs.keys()].sort()],
    [
      'getFunction',
      1,
      1,
      'Source-like description of a registered function.',
      (a, rt) => {
        const name = str(a[0], 'getFunction');
        const f = rt.userFuncs.get(name);
        return f ? `func(${f.params.join(', ')})` : err(`function not found: ${name}`);
      },
    ],
    [
      'exists',
      1,
      1,
      'True when a variable, host object or registered function has that name.',
      (a, rt, scope) => {
        const n = str(a[0], 'exists');
        return scope.has(n) || rt.hostObjects.has(n) || rt.userFuncs.has(n);
      },
    ],
    [
      'getVariable',
      1,
      1,
      'Value of the variable with that name.',
      (_a, _rt, scope) => {
        const n = str(_a[0], 'getVariable');
        return scope.has(n) ? scope.get(n) : err(`variable '${n}' not defined`);
      },
    ],
    [
      'symbol',
      1,
      1,
      'The value of the variable named by a string (DBNull when undefined).',
      (a, _rt, scope) => {
        const n = str(a[0], 'symbol');
        const v = scope.get(n);
        return v === undefined ? DBNull : v;
      },
    ],
    [
      'destroy',
      1,
      1,
      'Removes a variable (by name) from the scope that holds it.',
      (a, _rt, scope) => {
        const n = str(a[0], 'destroy');
        return scope.delete(n);
      },
    ],
    [
      'mapValue',
      0,
      null,
      'mapValue(k1, v1, …): a new map.',
      (a) => {
        if (a.length % 2 !== 0) err('mapValue requires key/value pairs');
        const m = new ChMap();
        for (let i = 0; i < a.length; i += 2) m.map.set(keyOf(a[i]), a[i + 1]);
        return m;
      },
    ],
    [
      'valueOf',
      1,
      1,
      'The plain value behind a node or string (numbers parsed).',
      (a) => {
        const v = a[0];
        if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
        if (v instanceof TreeNode && v.flavor === 'json' && v.attrs.size === 1 && v.attrs.has('value'))
          return v.attrs.get('value');
        return v;
      },
    ],
    [
      'merge',
      2,
      3,
      'merge(template, source[, args]): replaces {name} with source values; function values are called with args.',
      (a, rt) => {
        if (typeof a[0] !== 'string') {
          // merging maps: later entries win
          const out = new ChMap();
          for (const x of a) if (x instanceof ChMap) for (const [k, v] of x.map) out.map.set(k, v);
          return out;
        }
        const fnArgs = a.length > 2 && isArray(a[2]) ? a[2] : [];
        return rt.checkString(interpolate(rt, a[0], [a[1]], fnArgs));
      },
    ],
    [
      'inspectRuntime',
      0,
      0,
      'A map of the runtime state: globals, variables, objects, functions, timezone (and the reference’s other keys, empty).',
      (_a, rt, scope) => {
        const m = new ChMap();
        const globals = new ChMap();
        for (const [k, v] of rt.global.entries()) if (!PREDEFINED_GLOBALS.has(k)) globals.map.set(k, v);
        const variables = new ChMap();
        for (const [k, v] of scope.entries()) variables.map.set(k, v);
        m.map.set('globals', globals);
        m.map.set('variables', variables);
        m.map.set('objects', new ChMap(new Map(rt.hostObjects)));
        for (const k of ['lists', 'namespaces', 'nodes', 'tables', 'keycolumns']) m.map.set(k, new ChMap());
        m.map.set('functions', [...rt.userFuncs.keys()]);
        m.map.set('default_template', '');
        m.map.set('timeoffset', 0);
        m.map.set('timezone', rt.timezone);
        return m;
      },
    ],
  ]),
];

export function keyOf(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (v instanceof DBNullValue) return 'DBNull';
  return toDisplay(v);
}

export { ChFunction };

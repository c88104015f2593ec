import { ChariotRuntimeError } from '../errors';
import { Sig } from '../evaluator/runtime';
import { toDisplay } from '../values/format';
import { ChFunction } from '../values/function';
import { ChMap, DBNull, TreeNode, Value } from '../values/values';
import { getPath } from './access';
import { BuiltinDef, table } from './types';
import { err, str, typeName } from './util';
import { keyOf } from './values';

/**
 * An ETL transform: a named tree node (typeOf T, as in the reference) holding field mappings.
 * Each mapping is a map {sourceField, targetField, program, dataType, required, defaultValue}.
 * Programs are Chariot source run with `sourceValue` bound (an array of programs runs in turn).
 */
export class Transform extends TreeNode {
  readonly mappings: ChMap[] = [];
  readonly compiled = new Map<ChMap, ChFunction[]>();
}

function transformArg(v: Value, who: string): Transform {
  if (v instanceof Transform) return v;
  return err(`${who}: expected a transform, got ${typeName(v)}`);
}

function transforms(rt: { state: Map<string, unknown> }): Map<string, Transform> {
  let m = rt.state.get('transforms') as Map<string, Transform> | undefined;
  if (!m) rt.state.set('transforms', (m = new Map()));
  return m;
}

export const CREATE_TRANSFORM: BuiltinDef = {
  name: 'createTransform',
  category: 'etl',
  minArgs: 1,
  maxArgs: 1,
  doc: 'createTransform(Name): a new, registered ETL transform (the name is written bare).',
  special: true,
  fn: () => {
    throw new ChariotRuntimeError('createTransform cannot be called indirectly');
  },
};

/** Runtime part of createTransform (the compiler passes the bare name). */
export function createTransform(name: string, rt: { state: Map<string, unknown> }): Transform {
  const t = new Transform(name, 'tree');
  transforms(rt).set(name, t);
  return t;
}

export const ETL_BUILTINS = [
  CREATE_TRANSFORM,
  ...table('etl', [
    [
      'map',
      0,
      null,
      'map(k1, v1, …): a new map; keys must be strings.',
      (a) => {
        if (a.length % 2 !== 0) return err('map requires an even number of arguments (key/value pairs)');
        const m = new ChMap();
        for (let i = 0; i < a.length; i += 2) {
          if (typeof a[i] !== 'string') return err(`map: keys must be strings, got ${typeName(a[i])}`);
          m.map.set(a[i] as string, a[i + 1]);
        }
        return m;
      },
    ],
    [
      'addMapping',
      4,
      7,
      'addMapping(transform, source, target, program, [type, required, default]): adds a field mapping.',
      (a) => {
        const t = transformArg(a[0], 'addMapping');
        const program = a[3];
        if (typeof program !== 'string' && !Array.isArray(program)) return err(`addMapping: program must be a string or an array of strings, got ${typeName(program)}`);
        const m = new ChMap();
        m.map.set('sourceField', str(a[1], 'addMapping', 'source field'));
        m.map.set('targetField', str(a[2], 'addMapping', 'target field'));
        m.map.set('program', Array.isArray(program) ? program.slice() : program);
        m.map.set('dataType', a.length > 4 ? str(a[4], 'addMapping', 'data type') : 'VARCHAR');
        m.map.set('required', a.length > 5 ? a[5] === true : false);
        m.map.set('defaultValue', a.length > 6 ? a[6] : DBNull);
        t.mappings.push(m);
        return t;
      },
    ],
    ['getMappings', 1, 1, 'The mappings of a transform (array of maps).', (a) => transformArg(a[0], 'getMappings').mappings.slice()],
    ['getMappingCount', 1, 1, 'Number of mappings of a transform.', (a) => transformArg(a[0], 'getMappingCount').mappings.length],
    [
      'getTransform',
      1,
      1,
      'The registered transform with that name.',
      (a, rt) => transforms(rt).get(str(a[0], 'getTransform', 'name')) ?? err(`transform '${String(a[0])}' not found`),
    ],
    ['listTransforms', 0, 0, 'Names of the registered transforms.', (_a, rt) => [...transforms(rt).keys()]],
    [
      'applyTransform',
      2,
      2,
      'applyTransform(transform, record): runs each mapping on a map/node record; returns a map of target fields.',
      (a, rt, scope) => {
        const t = transformArg(a[0], 'applyTransform');
        const out = new ChMap();
        for (const m of t.mappings) {
          const src = m.map.get('sourceField') as string;
          let v = getPath(a[1], src);
          let fns = t.compiled.get(m);
          if (!fns) {
            const p = m.map.get('program');
            const progs = (Array.isArray(p) ? p : [p]).map((x) => toDisplay(x)).filter((x) => x.trim() !== '');
            fns = progs.map((x) => rt.compileFunction(['sourceValue'], x, scope));
            t.compiled.set(m, fns);
          }
          for (const f of fns) {
            v = rt.callFunction(f, [v]);
            if (rt.sig !== Sig.None) return undefined;
          }
          if ((v === DBNull || v === undefined || v === '') && m.map.get('required') === true) {
            const d = m.map.get('defaultValue');
            if (d === DBNull || d === undefined) return err(`applyTransform: required field '${src}' is missing`);
            v = d;
          }
          out.map.set(keyOf(m.map.get('targetField')), v);
        }
        return out;
      },
    ],
  ]),
];

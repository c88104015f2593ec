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
 * Each mapping is a map with the reference's field names: SourceField, TargetColumn, Program,
 * DataType, Required, DefaultValue, Transform. An array program is stored joined by newlines.
 * applyTransform runs each program line in turn with `sourceValue` bound to the previous result.
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
      6,
      7,
      'addMapping(transform, sourceField, targetColumn, program, dataType, required[, default]): adds a field mapping.',
      (a, rt, scope) => {
        let t: Value = a[0];
        if (typeof t === 'string') t = scope.get(t);
        if (!(t instanceof Transform)) return err('first argument must be an existing Transform');
        const program = a[3];
        let text: string;
        if (typeof program === 'string') text = program;
        else if (Array.isArray(program)) text = program.map((x) => (typeof x === 'string' ? x : '')).join('\n');
        else return err(`program must be string or array of strings, got ${typeName(program)}`);
        if (typeof a[5] !== 'boolean') return err(`addMapping: required must be a boolean, got ${typeName(a[5])}`);
        const m = new ChMap();
        m.map.set('SourceField', str(a[1], 'addMapping', 'source field'));
        m.map.set('TargetColumn', str(a[2], 'addMapping', 'target column'));
        m.map.set('Program', text);
        m.map.set('DataType', str(a[4], 'addMapping', 'data type'));
        m.map.set('Required', a[5]);
        m.map.set('DefaultValue', a.length > 6 ? str(a[6], 'addMapping', 'default value') : '');
        m.map.set('Transform', '');
        t.mappings.push(m);
        return t;
      },
    ],
    [
      'getMappings',
      1,
      1,
      'The mappings of a transform (array of maps).',
      (a) => transformArg(a[0], 'getMappings').mappings.slice(),
    ],
    [
      'getMappingCount',
      1,
      1,
      'Number of mappings of a transform.',
      (a) => transformArg(a[0], 'getMappingCount').mappings.length,
    ],
    [
      'getTransform',
      1,
      1,
      'The registered transform with that name.',
      (a, rt) => {
        const name = str(a[0], 'getTransform', 'name');
        return transforms(rt).get(name) ?? err(`transform '${name}' not found`);
      },
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
          const src = m.map.get('SourceField') as string;
          let v = getPath(a[1], src);
          let fns = t.compiled.get(m);
          if (!fns) {
            const text = toDisplay(m.map.get('Program'));
            const lines = text.split('\n').filter((x) => x.trim() !== '');
            try {
              // one statement per line: each line transforms the previous line's result
              fns = lines.map((x) => rt.compileFunction(['sourceValue'], x, scope));
            } catch {
              // statements spanning lines: the whole program is one function
              fns = text.trim() === '' ? [] : [rt.compileFunction(['sourceValue'], text, scope)];
            }
            t.compiled.set(m, fns);
          }
          for (const f of fns) {
            v = rt.callNested(f, [v]);
            if (rt.sig !== Sig.None) return undefined;
          }
          if ((v === DBNull || v === undefined || v === '') && m.map.get('Required') === true) {
            const d = m.map.get('DefaultValue');
            if (d === '' || d === undefined) return err(`applyTransform: required field '${src}' is missing`);
            v = d;
          }
          out.map.set(keyOf(m.map.get('TargetColumn')), v);
        }
        return out;
      },
    ],
  ]),
];

import { ChFunction } from '../values/function';
import { ChMap, OpaqueValue, Value } from '../values/values';
import { table } from './types';
import { arr, err, str, typeName } from './util';

function fnOrNull(v: Value, who: string): Value {
  if (v === undefined || v instanceof ChFunction) return v;
  return err(`${who}: expected a function, got ${typeName(v)}`);
}

export const PLAN_BUILTINS = table('plan', [
  [
    'plan',
    1,
    6,
    'plan(name, params, trigger, guard, steps, drop): a plan value (P) for agents.',
    (a) => {
      const name = str(a[0], 'plan', 'name');
      const m = new ChMap();
      m.map.set('_type', 'plan');
      m.map.set('name', name);
      m.map.set('params', a.length > 1 ? arr(a[1], 'plan') : []);
      m.map.set('trigger', fnOrNull(a[2], 'plan'));
      m.map.set('guard', fnOrNull(a[3], 'plan'));
      m.map.set('steps', a.length > 4 ? arr(a[4], 'plan') : []);
      m.map.set('drop', fnOrNull(a[5], 'plan'));
      return new OpaqueValue('P', `Plan(${name})`, m);
    },
  ],
]);

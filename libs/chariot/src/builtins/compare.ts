import { compareValues, equalValues } from '../evaluator/ops';
import { DBNullValue, Value } from '../values/values';
import { table } from './types';
import { err, typeName } from './util';

function allEqual(a: Value[]): boolean {
  for (let i = 1; i < a.length; i++) if (!equalValues(a[0], a[i])) return false;
  return true;
}

function logic(a: Value[], isAnd: boolean): boolean {
  for (const v of a) {
    if (v instanceof DBNullValue) return !isAnd;
    if (typeof v !== 'boolean') err(`type mismatch: expected boolean, got ${typeName(v)}`);
  }
  return isAnd ? a.every((v) => v === true) : a.some((v) => v === true);
}

/** and/or/iif are compiled as lazy special forms; these bodies serve indirect uses only. */
export const COMPARE_BUILTINS = table('comparison', [
  ['equal', 2, null, 'True when all arguments equal the first (no coercion; DBNull equals DBNull).', allEqual],
  ['equals', 2, null, 'Alias of equal.', allEqual],
  ['unequal', 2, 2, 'Negation of equal.', (a) => !equalValues(a[0], a[1])],
  ['bigger', 2, 2, 'a > b for two numbers or two strings.', (a) => compareValues(a[0], a[1], 'bigger') > 0],
  ['smaller', 2, 2, 'a < b for two numbers or two strings.', (a) => compareValues(a[0], a[1], 'smaller') < 0],
  ['biggerEq', 2, 2, 'a ≥ b for two numbers or two strings.', (a) => compareValues(a[0], a[1], 'biggerEq') >= 0],
  ['smallerEq', 2, 2, 'a ≤ b for two numbers or two strings.', (a) => compareValues(a[0], a[1], 'smallerEq') <= 0],
  ['and', 1, null, 'Logical and of booleans, short-circuit (DBNull counts as false).', (a) => logic(a, true)],
  ['or', 1, null, 'Logical or of booleans, short-circuit (DBNull makes it true).', (a) => logic(a, false)],
  [
    'not',
    1,
    null,
    'Logical not; with several arguments, true when all are false (DBNull counts as false).',
    (a) => {
      for (const v of a) {
        if (v instanceof DBNullValue) continue;
        if (typeof v !== 'boolean') err(`type mismatch: expected boolean, got ${typeName(v)}`);
        if (v) return false;
      }
      return true;
    },
  ],
  [
    'iif',
    3,
    3,
    'iif(cond, a, b): a when cond is true, else b (only the chosen one is evaluated).',
    (a) =>
      typeof a[0] === 'boolean'
        ? a[0]
          ? a[1]
          : a[2]
        : err(`type mismatch: expected boolean condition, got ${typeName(a[0])}`),
  ],
]);

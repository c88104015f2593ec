import { ChariotRuntimeError } from '../errors';
import { DBNullValue, Value } from '../values/values';
import { typeName } from '../values/types';

/** The reference `equal` on two values: DBNull = DBNull, same-type scalars by value, else identity. */
export function equalValues(a: Value, b: Value): boolean {
  if (a === b) return true;
  return a instanceof DBNullValue && b instanceof DBNullValue;
}

/** bigger/smaller ordering: Number–Number or Str–Str, anything else is an error. */
export function compareValues(a: Value, b: Value, who: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new ChariotRuntimeError(`${who}: cannot compare ${typeName(a)} and ${typeName(b)}`);
}

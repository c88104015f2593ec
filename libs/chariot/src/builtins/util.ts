import { ChariotRuntimeError } from '../errors';
import { ChFunction } from '../values/function';
import { ChMap, DBNullValue, TreeNode, Value } from '../values/values';
import { typeName } from '../values/types';

export { typeName };

export function err(msg: string): never {
  throw new ChariotRuntimeError(msg);
}

export function num(v: Value, who: string, what = 'argument'): number {
  if (typeof v === 'number') return v;
  return err(`${who}: ${what} must be a number, got ${typeName(v)}`);
}

export function str(v: Value, who: string, what = 'argument'): string {
  if (typeof v === 'string') return v;
  return err(`${who}: ${what} must be a string, got ${typeName(v)}`);
}

export function arr(v: Value, who: string): Value[] {
  if (Array.isArray(v)) return v;
  return err(`${who}: argument must be an array, got ${typeName(v)}`);
}

export function fn(v: Value, who: string): ChFunction {
  if (v instanceof ChFunction) return v;
  return err(`${who}: argument must be a function, got ${typeName(v)}`);
}

export function node(v: Value, who: string): TreeNode {
  if (v instanceof TreeNode) return v;
  return err(`${who}: argument must be a node, got ${typeName(v)}`);
}

export function map(v: Value, who: string): ChMap {
  if (v instanceof ChMap) return v;
  return err(`${who}: argument must be a map, got ${typeName(v)}`);
}

export function isNull(v: Value): boolean {
  return v === undefined || v instanceof DBNullValue;
}

/** An index argument (truncated); the message names it an index. */
export function indexArg(v: Value, who: string): number {
  if (typeof v !== 'number') return err(`${who}: index must be a number, got ${typeName(v)}`);
  return Math.trunc(v);
}

/** Integer argument (truncated). */
export function int(v: Value, who: string, what = 'argument'): number {
  return Math.trunc(num(v, who, what));
}

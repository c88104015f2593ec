import { ChariotRuntimeError } from '../errors';
import { ChFunction } from './function';
import { ChMap, ChObject, DBNull, DBNullValue, HostObject, TreeNode, Value } from './values';

/** `typeOf` code of a value (N S L A M T J X F H P E R V; DBNull and nil are V). */
export function typeCode(v: Value): string {
  switch (typeof v) {
    case 'number':
      return 'N';
    case 'string':
      return 'S';
    case 'boolean':
      return 'L';
  }
  if (Array.isArray(v)) return 'A';
  if (v instanceof ChObject) return v.typeCode;
  return 'V';
}

/** Go-flavoured type name used in messages ("chariot.Str", "*chariot.ArrayValue"). */
export function typeName(v: Value): string {
  switch (typeof v) {
    case 'number':
      return 'chariot.Number';
    case 'string':
      return 'chariot.Str';
    case 'boolean':
      return 'chariot.Bool';
    case 'undefined':
      return '<nil>';
  }
  if (v instanceof DBNullValue) return '*chariot.dbNullType';
  if (Array.isArray(v)) return '*chariot.ArrayValue';
  if (v instanceof ChMap) return '*chariot.MapValue';
  if (v instanceof ChFunction) return '*chariot.FunctionValue';
  if (v instanceof HostObject) return '*chariot.HostObjectValue';
  if (v instanceof TreeNode) {
    return v.flavor === 'json'
      ? '*chariot.JSONNode'
      : v.flavor === 'xml'
        ? '*chariot.XMLNode'
        : v.flavor === 'map'
          ? '*chariot.MapNode'
          : '*chariot.TreeNodeImpl';
  }
  return `*chariot.${v.constructor.name}`;
}

const TYPE_WORDS: Record<string, string> = {
  N: 'number',
  S: 'string',
  L: 'boolean',
  A: 'array',
  M: 'map',
  J: 'JSON',
  O: 'host object',
  X: 'XML',
  T: 'tree',
  F: 'function',
  P: 'plan',
  E: 'ETL transform',
};

/** declare's type check: throws "type mismatch: expected number, got chariot.Str". */
export function checkType(t: string, v: Value): void {
  let ok: boolean;
  switch (t) {
    case 'V':
    case 'any':
      return;
    case 'D':
      return;
    case 'N':
      ok = typeof v === 'number';
      break;
    case 'S':
      ok = typeof v === 'string';
      break;
    case 'L':
      ok = typeof v === 'boolean';
      break;
    case 'A':
      ok = Array.isArray(v);
      break;
    case 'M':
      ok = v instanceof ChMap;
      break;
    case 'J':
      ok = v instanceof TreeNode && v.flavor === 'json';
      break;
    case 'X':
      ok = v instanceof TreeNode && v.flavor === 'xml';
      break;
    case 'T':
      ok = v instanceof TreeNode;
      break;
    case 'O':
    case 'H':
      ok = v instanceof HostObject;
      break;
    case 'F':
      ok = v instanceof ChFunction;
      break;
    case 'P':
    case 'E':
    case 'R':
      ok = v instanceof ChObject && v.typeCode === t;
      break;
    default:
      throw new ChariotRuntimeError(`invalid type specifier '${t}'`);
  }
  if (!ok) throw new ChariotRuntimeError(`type mismatch: expected ${TYPE_WORDS[t] ?? t}, got ${typeName(v)}`);
}

/** Value a `declare` without an initial value gets. */
export function defaultFor(t: string): Value {
  switch (t) {
    case 'N':
      return 0;
    case 'S':
      return '';
    case 'L':
      return false;
    case 'A':
      return [];
    case 'M':
      return new ChMap();
    case 'J': {
      return new TreeNode('root', 'json');
    }
    case 'X':
      return new TreeNode('root', 'xml');
    case 'T':
      return new TreeNode('root', 'tree');
    case 'V':
    case 'any':
    case 'O':
    case 'H':
    case 'P':
    case 'E':
    case 'F':
    case 'D':
    case 'R':
      return DBNull;
    default:
      throw new ChariotRuntimeError(`unknown type specifier '${t}'`);
  }
}

import { ChFunction } from './function';
import { toDisplay } from './format';
import { ChMap, DBNullValue, ExitRequest, HostObject, TreeNode, Value } from './values';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** Converts a Chariot value to JSON (best effort for objects; cycles become "[circular]"). */
export function toJson(v: Value, seen: Set<object> = new Set()): JsonValue {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'string':
    case 'boolean':
      return v;
    case 'undefined':
      return null;
  }
  if (v instanceof DBNullValue) return null;
  if (seen.has(v)) return '[circular]';
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => toJson(x, seen));
    if (v instanceof ChMap) {
      const o: { [k: string]: JsonValue } = {};
      for (const [k, x] of v.map) o[k] = toJson(x, seen);
      return o;
    }
    if (v instanceof TreeNode) return nodeToJson(v, seen);
    if (v instanceof HostObject) {
      const o: { [k: string]: JsonValue } = {};
      for (const [k, x] of v.props) o[k] = toJson(x, seen);
      return o;
    }
    if (v instanceof ExitRequest) return { exit: v.code };
    if (v instanceof ChFunction) return toDisplay(v);
    return toDisplay(v);
  } finally {
    seen.delete(v);
  }
}

/** A node as JSON: JSON arrays/values as themselves, otherwise attributes plus named children. */
export function nodeToJson(n: TreeNode, seen: Set<object> = new Set()): JsonValue {
  if (n.typeCode === 'J') {
    if (n.jsonKind === 'array') return n.items.map((x) => toJson(x, seen));
    if (n.jsonKind === 'value') return toJson(n.scalar, seen);
  }
  const o: { [k: string]: JsonValue } = {};
  for (const [k, x] of n.attrs) o[k] = toJson(x, seen);
  for (const c of n.children) {
    const cj = nodeToJson(c, seen);
    if (c.name in o) {
      const prev = o[c.name];
      o[c.name] = Array.isArray(prev) ? [...prev, cj] : [prev, cj];
    } else {
      o[c.name] = cj;
    }
  }
  if (n.typeCode === 'X' && n.text && n.children.length === 0 && n.attrs.size === 0) return n.text;
  return o;
}

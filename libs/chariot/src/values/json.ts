import { ChFunction } from './function';
import { objectLabel } from './object-label';
import { ChMap, DBNull, DBNullValue, ExitRequest, HostObject, OpaqueValue, TreeNode, Value } from './values';

/** Deepest nesting converted to JSON; deeper values become "[too deep]". */
export const MAX_JSON_DEPTH = 1000;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/**
 * Converts a Chariot value to JSON (best effort for objects). Functions are left out of
 * objects; cycles become "[circular]"; non-finite numbers become null.
 */
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
  if (seen.size >= MAX_JSON_DEPTH) return '[too deep]';
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => toJson(x, seen));
    if (v instanceof ChMap) return entriesToJson(v.map, seen);
    if (v instanceof TreeNode) return nodeToJson(v, seen);
    if (v instanceof HostObject) return entriesToJson(v.props, seen);
    if (v instanceof OpaqueValue && v.data instanceof ChMap) return entriesToJson(v.data.map, seen);
    if (v instanceof ExitRequest) return { exit: v.code };
    return objectLabel(v);
  } finally {
    seen.delete(v);
  }
}

/**
 * Sets an own, enumerable property, `__proto__` included: a plain assignment of that key would
 * set the object's prototype and the key would vanish from the JSON.
 */
export function setOwn<T>(o: { [k: string]: T }, k: string, v: T): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

function entriesToJson(m: Map<string, Value>, seen: Set<object>): { [k: string]: JsonValue } {
  const o: { [k: string]: JsonValue } = {};
  for (const [k, x] of m) if (!(x instanceof ChFunction)) setOwn(o, k, toJson(x, seen));
  return o;
}

/** A node as JSON: a JSON array node is its elements, otherwise attributes plus named children. */
export function nodeToJson(n: TreeNode, seen: Set<object> = new Set()): JsonValue {
  const items = n.arrayItems();
  if (items !== null) return items.map((x) => toJson(x, seen));
  if (n.flavor === 'xml' && n.children.length === 0 && n.attrs.size === 0) return n.text;
  const o = entriesToJson(n.attrs, seen);
  // names some earlier child had: a later child with the name joins the array made for them
  const named = new Set<string>();
  for (const c of n.children) {
    const cj = toJson(c, seen);
    if (Object.hasOwn(o, c.name)) {
      const prev = o[c.name];
      if (Array.isArray(prev) && named.has(c.name)) prev.push(cj);
      else setOwn(o, c.name, [prev, cj]);
    } else {
      setOwn(o, c.name, cj);
    }
    named.add(c.name);
  }
  if (n.flavor === 'xml' && n.text.trim() !== '') o['#text'] = n.text;
  return o;
}

/** Builds Chariot values from parsed JSON: objects become JSON nodes named by their key. */
export function fromNative(x: unknown, name: string): Value {
  if (x === null || x === undefined) return DBNull;
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map((e) => fromNative(e, name));
  const n = new TreeNode(name, 'json');
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) n.attrs.set(k, fromNative(v, k));
  return n;
}

/** The top-level JSON node for parsed JSON (arrays under `_<name>`, scalars under `value`). */
export function jsonNodeFrom(x: unknown, name: string): TreeNode {
  if (x !== null && typeof x === 'object' && !Array.isArray(x)) return fromNative(x, name) as TreeNode;
  const n = new TreeNode(name, 'json');
  if (Array.isArray(x)) {
    n.arrayKey = '_' + name;
    n.attrs.set(n.arrayKey, fromNative(x, name));
  } else {
    n.attrs.set('value', fromNative(x, name));
  }
  return n;
}

/** JSON text as Go's json.Marshal writes maps: compact, keys sorted. */
export function stringifySorted(v: JsonValue): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const o: { [k: string]: JsonValue } = {};
    for (const k of Object.keys(v).sort()) setOwn(o, k, sortKeys(v[k]));
    return o;
  }
  return v;
}

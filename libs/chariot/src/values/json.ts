import { ChFunction } from './function';
import { objectLabel } from './object-label';
import { TextBudget } from './text-budget';
import { ChMap, DBNull, DBNullValue, ExitRequest, HostObject, OpaqueValue, TreeNode, Value } from './values';

/** Deepest nesting converted to JSON; deeper values become "[too deep]". */
export const MAX_JSON_DEPTH = 1000;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** A conversion under way: the values open on the path (cycles), the text it may still produce. */
interface Walk {
  seen: Set<object>;
  budget: TextBudget;
}

/**
 * Converts a Chariot value to JSON (best effort for objects). Functions are left out of
 * objects; cycles become "[circular]"; non-finite numbers become null. Stops with STRING_LIMIT
 * once the JSON text would be longer than `budget` allows (see TextBudget): each value is
 * counted at no more than its JSON text, so no text within the limit is refused.
 */
export function toJson(v: Value, budget: TextBudget = new TextBudget()): JsonValue {
  return convert(v, { seen: new Set(), budget });
}

function convert(v: Value, w: Walk): JsonValue {
  switch (typeof v) {
    case 'number':
      w.budget.spend(1);
      return Number.isFinite(v) ? v : null;
    case 'string':
      w.budget.spend(v.length);
      return v;
    case 'boolean':
      w.budget.spend(4);
      return v;
    case 'undefined':
      w.budget.spend(4);
      return null;
  }
  w.budget.spend(2);
  if (v instanceof DBNullValue) return null;
  const seen = w.seen;
  if (seen.has(v)) return '[circular]';
  if (seen.size >= MAX_JSON_DEPTH) return '[too deep]';
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => convert(x, w));
    if (v instanceof ChMap) return entriesToJson(v.map, w);
    if (v instanceof TreeNode) return nodeJson(v, w);
    if (v instanceof HostObject) return entriesToJson(v.props, w);
    if (v instanceof OpaqueValue && v.data instanceof ChMap) return entriesToJson(v.data.map, w);
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
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

function entriesToJson(m: Map<string, Value>, w: Walk): { [k: string]: JsonValue } {
  const o: { [k: string]: JsonValue } = {};
  for (const [k, x] of m) {
    if (x instanceof ChFunction) continue;
    w.budget.spend(k.length + 3);
    setOwn(o, k, convert(x, w));
  }
  return o;
}

/**
 * A node as JSON: a JSON array node is its elements, otherwise attributes plus named children.
 * The node itself is not marked as open (string() of a node converts it this way).
 */
export function nodeToJson(n: TreeNode, budget: TextBudget = new TextBudget()): JsonValue {
  return nodeJson(n, { seen: new Set(), budget });
}

function nodeJson(n: TreeNode, w: Walk): JsonValue {
  const items = n.arrayItems();
  if (items !== null) return items.map((x) => convert(x, w));
  if (n.flavor === 'xml' && n.children.length === 0 && n.attrs.size === 0) {
    w.budget.spend(n.text.length);
    return n.text;
  }
  const o = entriesToJson(n.attrs, w);
  // names some earlier child had: a later child with the name joins the array made for them
  const named = new Set<string>();
  for (const c of n.children) {
    // a grouped child adds its value and a comma, a new name its key too
    w.budget.spend(Object.hasOwn(o, c.name) ? 1 : c.name.length + 3);
    const cj = convert(c, w);
    if (Object.hasOwn(o, c.name)) {
      const prev = o[c.name];
      if (Array.isArray(prev) && named.has(c.name)) prev.push(cj);
      else setOwn(o, c.name, [prev, cj]);
    } else {
      setOwn(o, c.name, cj);
    }
    named.add(c.name);
  }
  if (n.flavor === 'xml' && n.text.trim() !== '') {
    w.budget.spend(n.text.length);
    o['#text'] = n.text;
  }
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

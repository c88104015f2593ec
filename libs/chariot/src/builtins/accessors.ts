import { Runtime } from '../evaluator/runtime';
import { ChMap, DBNull, HostObject, isArray, TreeNode, Value } from '../values/values';
import { getPath, setPath } from './access';
import { table } from './types';
import { err, indexArg, str, typeName } from './util';

/** The reference's JSON-node lookup: own attribute, else the first match inside nested values. */
function nestedAttribute(n: TreeNode, key: string, seen: Set<object>): Value {
  if (n.attrs.has(key)) return n.attrs.get(key);
  if (seen.has(n)) return undefined;
  seen.add(n);
  const inValue = (v: Value): Value => {
    if (v instanceof TreeNode) return nestedAttribute(v, key, seen);
    if (v instanceof ChMap) return v.map.get(key);
    return undefined;
  };
  for (const v of n.attrs.values()) {
    if (isArray(v)) {
      for (const x of v) {
        const f = inValue(x);
        if (f !== undefined) return f;
      }
    } else {
      const f = inValue(v);
      if (f !== undefined) return f;
    }
  }
  return undefined;
}

function attrsOf(v: Value, who: string): Map<string, Value> {
  if (v instanceof TreeNode) return v.attrs;
  if (v instanceof ChMap) return v.map;
  if (v instanceof HostObject) return v.props;
  return err(`${who}: expected a node or map, got ${typeName(v)}`);
}

function metaOf(rt: Runtime, v: Value): Map<string, Value> {
  if (v === null || typeof v !== 'object') return err('metadata needs an object value');
  let metas = rt.state.get('meta') as WeakMap<object, Map<string, Value>> | undefined;
  if (!metas) rt.state.set('meta', (metas = new WeakMap()));
  let m = metas.get(v);
  if (!m) metas.set(v, (m = new Map<string, Value>()));
  return m;
}

/**
 * Reading and writing the parts of a value: elements by index, attributes by name, properties
 * by dotted path, metadata (category `dispatchers`, as before the split by family).
 */
export const ACCESSOR_BUILTINS = table('dispatchers', [
  [
    'getAt',
    2,
    2,
    'Element at an index of an array, string, JSON array node or node children; out of range gives DBNull.',
    (a) => {
      const i = indexArg(a[1], 'getAt');
      const t = a[0];
      if (isArray(t)) return i >= 0 && i < t.length ? t[i] : DBNull;
      if (typeof t === 'string') {
        const cps = Array.from(t);
        return i >= 0 && i < cps.length ? cps[i] : DBNull;
      }
      if (t instanceof TreeNode) {
        const items = t.arrayItems();
        if (items !== null) return i >= 0 && i < items.length ? items[i] : DBNull;
        return i >= 0 && i < t.children.length ? t.children[i] : DBNull;
      }
      return err(`getAt: unsupported type ${typeName(t)}`);
    },
  ],
  [
    'setAt',
    3,
    3,
    'Replaces the element at an index of an array (or JSON array node); out of range is an error.',
    (a) => {
      const i = indexArg(a[1], 'setAt');
      const t = a[0];
      const items = Array.isArray(t) ? t : t instanceof TreeNode ? t.arrayItems() : null;
      if (items === null) return err(`setAt: unsupported type ${typeName(t)}`);
      if (i < 0 || i >= items.length) return err(`setAt: index ${i} out of bounds (length ${items.length})`);
      items[i] = a[2];
      return a[2];
    },
  ],
  [
    'getAttribute',
    2,
    2,
    'Attribute of a node (JSON nodes also look inside nested values); a missing one is an error.',
    (a) => {
      const key = str(a[1], 'getAttribute', 'attribute name');
      const t = a[0];
      const v =
        t instanceof TreeNode && t.flavor === 'json'
          ? nestedAttribute(t, key, new Set())
          : attrsOf(t, 'getAttribute').get(key);
      if (v === undefined) return t instanceof ChMap ? DBNull : err(`attribute '${key}' not found`);
      return v;
    },
  ],
  [
    'setAttribute',
    3,
    3,
    'Sets an attribute of a node (or entry of a map); returns the value.',
    (a) => {
      attrsOf(a[0], 'setAttribute').set(str(a[1], 'setAttribute', 'attribute name'), a[2]);
      return a[2];
    },
  ],
  [
    'getAttributes',
    1,
    1,
    'All attributes of a node as a map.',
    (a) => new ChMap(new Map(attrsOf(a[0], 'getAttributes'))),
  ],
  [
    'removeAttribute',
    2,
    2,
    'Removes an attribute of a node (or entry of a map); returns the node.',
    (a) => {
      attrsOf(a[0], 'removeAttribute').delete(str(a[1], 'removeAttribute', 'attribute name'));
      return a[0];
    },
  ],
  [
    'hasAttribute',
    2,
    2,
    'True when a node has the attribute (or a map the key).',
    (a) => attrsOf(a[0], 'hasAttribute').has(str(a[1], 'hasAttribute', 'attribute name')),
  ],
  [
    'getProp',
    2,
    2,
    "getProp(obj, 'a.b.0'): property by dotted path; missing gives DBNull.",
    (a) => getPath(a[0], str(a[1], 'getProp', 'property name')),
  ],
  [
    'setProp',
    3,
    3,
    "setProp(obj, 'a.b', v): sets a property, creating intermediate nodes; returns the value.",
    (a) => {
      setPath(a[0], str(a[1], 'setProp', 'property name'), a[2]);
      return a[2];
    },
  ],
  [
    'getMeta',
    2,
    2,
    'Metadata value attached to an object.',
    (a, rt) => metaOf(rt, a[0]).get(str(a[1], 'getMeta', 'key')) ?? DBNull,
  ],
  [
    'setMeta',
    3,
    3,
    'Attaches a metadata value to an object.',
    (a, rt) => {
      metaOf(rt, a[0]).set(str(a[1], 'setMeta', 'key'), a[2]);
      return a[0];
    },
  ],
  ['getAllMeta', 1, 1, 'All metadata of an object as a map.', (a, rt) => new ChMap(new Map(metaOf(rt, a[0])))],
]);

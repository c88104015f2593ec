import { Runtime } from '../evaluator/runtime';
import { equalValues } from '../evaluator/ops';
import { toDisplay } from '../values/format';
import { ChFunction } from '../values/function';
import { ChMap, DBNull, HostObject, TreeNode, Value } from '../values/values';
import { getPath, setPath } from './access';
import { table } from './types';
import { arr, err, int, num, str, typeName } from './util';

/** Byte length of a string in UTF-8 (the reference's `len`). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function indexArg(v: Value, who: string): number {
  if (typeof v !== 'number') return err(`${who}: index must be a number, got ${typeName(v)}`);
  return Math.trunc(v);
}

/** Deep copy of arrays, maps and nodes. */
export function cloneValue(v: Value, seen = new Map<object, Value>()): Value {
  if (v === null || typeof v !== 'object') return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: Value[] = [];
    seen.set(v, out);
    for (const x of v) out.push(cloneValue(x, seen));
    return out;
  }
  if (v instanceof ChMap) {
    const m = new ChMap();
    seen.set(v, m);
    for (const [k, x] of v.map) m.map.set(k, cloneValue(x, seen));
    return m;
  }
  if (v instanceof TreeNode) {
    const n = new TreeNode(v.name, v.flavor);
    seen.set(v, n);
    n.text = v.text;
    n.arrayKey = v.arrayKey;
    for (const [k, x] of v.attrs) n.attrs.set(k, cloneValue(x, seen));
    for (const c of v.children) n.addChild(cloneValue(c, seen) as TreeNode);
    return n;
  }
  return v;
}

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
    if (Array.isArray(v)) {
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

function sliceCodePoints(s: string, start: number, end?: number): string {
  const cps = Array.from(s);
  return cps.slice(Math.max(0, start), end === undefined ? undefined : Math.max(0, end)).join('');
}

function metaOf(rt: Runtime, v: Value): Map<string, Value> {
  if (v === null || typeof v !== 'object') return err('metadata needs an object value');
  let metas = rt.state.get('meta') as WeakMap<object, Map<string, Value>> | undefined;
  if (!metas) rt.state.set('meta', (metas = new WeakMap()));
  let m = metas.get(v);
  if (!m) metas.set(v, (m = new Map()));
  return m;
}

export const DISPATCH_BUILTINS = table('dispatchers', [
  [
    'getAt',
    2,
    2,
    'Element at an index of an array, string, JSON array node or node children; out of range gives DBNull.',
    (a) => {
      const i = indexArg(a[1], 'getAt');
      const t = a[0];
      if (Array.isArray(t)) return i >= 0 && i < t.length ? t[i] : DBNull;
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
      const v = t instanceof TreeNode && t.flavor === 'json' ? nestedAttribute(t, key, new Set()) : attrsOf(t, 'getAttribute').get(key);
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
  ['getProp', 2, 2, "getProp(obj, 'a.b.0'): property by dotted path; missing gives DBNull.", (a) => getPath(a[0], str(a[1], 'getProp', 'property name'))],
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
  [
    'indexOf',
    2,
    3,
    'Position of a substring (in code points) or array element; -1 when absent.',
    (a) => {
      const t = a[0];
      if (typeof t === 'string') {
        const sub = str(a[1], 'indexOf', 'substring');
        const from = a.length > 2 ? int(a[2], 'indexOf') : 0;
        const cps = Array.from(t);
        const pre = cps.slice(0, Math.max(0, from)).join('').length;
        const i = t.indexOf(sub, pre);
        return i < 0 ? -1 : Array.from(t.slice(0, i)).length;
      }
      if (Array.isArray(t)) return t.findIndex((x) => equalValues(x, a[1]));
      if (t instanceof TreeNode) {
        const items = t.arrayItems();
        if (items) return items.findIndex((x) => equalValues(x, a[1]));
        return t.children.indexOf(a[1] as TreeNode);
      }
      return err(`indexOf: unsupported type ${typeName(t)}`);
    },
  ],
  [
    'length',
    1,
    1,
    'Length of a string (UTF-8 bytes), array, map, or node (elements/children).',
    (a) => {
      const t = a[0];
      if (typeof t === 'string') return utf8Length(t);
      if (Array.isArray(t)) return t.length;
      if (t instanceof ChMap) return t.map.size;
      if (t instanceof TreeNode) {
        const items = t.arrayItems();
        if (items !== null) return items.length;
        return t.flavor === 'json' || t.flavor === 'map' ? t.attrs.size + t.children.length : t.children.length;
      }
      if (t instanceof HostObject) return t.props.size;
      return err(`length: unsupported type ${typeName(t)}`);
    },
  ],
  [
    'slice',
    2,
    3,
    'slice(s|array, start[, end]): part of a string (code points) or array, clamped to bounds.',
    (a) => {
      const t = a[0];
      const start = int(a[1], 'slice', 'start');
      const end = a.length > 2 ? int(a[2], 'slice', 'end') : undefined;
      if (typeof t === 'string') return sliceCodePoints(t, start, end);
      if (Array.isArray(t)) return t.slice(Math.max(0, start), end === undefined ? undefined : Math.max(0, end));
      return err(`slice: unsupported type ${typeName(t)}`);
    },
  ],
  [
    'reverse',
    1,
    1,
    'Reversed copy of a string (code points) or array.',
    (a) => {
      const t = a[0];
      if (typeof t === 'string') return Array.from(t).reverse().join('');
      if (Array.isArray(t)) return [...t].reverse();
      return err(`reverse: unsupported type ${typeName(t)}`);
    },
  ],
  [
    'contains',
    2,
    2,
    'Substring test for strings; element test for arrays; key test for maps and nodes.',
    (a) => {
      const t = a[0];
      if (typeof t === 'string') return t.includes(str(a[1], 'contains', 'substring'));
      if (Array.isArray(t)) return t.some((x) => equalValues(x, a[1]));
      if (t instanceof ChMap) return t.map.has(toDisplay(a[1]));
      if (t instanceof TreeNode) {
        const items = t.arrayItems();
        if (items) return items.some((x) => equalValues(x, a[1]));
        const k = toDisplay(a[1]);
        return t.attrs.has(k) || t.childByName(k) !== undefined;
      }
      return err(`contains: unsupported type ${typeName(t)}`);
    },
  ],
  [
    'split',
    2,
    2,
    'Splits a string by a separator into an array of strings.',
    (a, rt) => {
      const s = str(a[0], 'split', 'string');
      const sep = str(a[1], 'split', 'separator');
      rt.charge(s.length / 64);
      return rt.checkArray(sep === '' ? Array.from(s) : s.split(sep));
    },
  ],
  [
    'join',
    2,
    2,
    'Joins the string forms of array elements with a separator.',
    (a, rt) => {
      const items = arr(a[0], 'join');
      rt.charge(items.length / 16);
      return rt.checkString(items.map(toDisplay).join(str(a[1], 'join', 'separator')));
    },
  ],
  [
    'addTo',
    2,
    null,
    'Appends values to an array (or JSON array node, or children of a node); returns it.',
    (a, rt) => {
      const t = a[0];
      const items = Array.isArray(t) ? t : t instanceof TreeNode ? t.arrayItems() : null;
      if (items !== null) {
        for (let i = 1; i < a.length; i++) items.push(a[i]);
        rt.checkArray(items);
        return t;
      }
      if (t instanceof TreeNode) {
        for (let i = 1; i < a.length; i++) {
          const c = a[i];
          if (!(c instanceof TreeNode)) return err(`addTo: can only add nodes to a node, got ${typeName(c)}`);
          t.addChild(c);
        }
        return t;
      }
      return err(`addTo: unsupported type ${typeName(t)}`);
    },
  ],
  ['clone', 1, 1, 'Deep copy of an array, map or node.', (a) => cloneValue(a[0])],
  [
    'apply',
    2,
    2,
    'apply(fn, array): calls fn on each element and returns the array of results.',
    (a, rt) => {
      const [f, list] = a[0] instanceof ChFunction ? [a[0], a[1]] : [a[1], a[0]];
      const out: Value[] = [];
      for (const x of arr(list, 'apply')) {
        out.push(rt.invoke(f, [x], 'apply'));
        if (rt.sig !== 0) break;
      }
      return out;
    },
  ],
]);

export const ARRAY_BUILTINS = table('arrays', [
  ['array', 0, null, 'A new array of the arguments.', (a, rt) => rt.checkArray(a.slice())],
  [
    'range',
    2,
    3,
    'range(start, end[, step]): numbers from start up to (not including) end.',
    (a, rt) => {
      const s = num(a[0], 'range', 'start');
      const e = num(a[1], 'range', 'end');
      const step = a.length > 2 ? num(a[2], 'range', 'step') : 1;
      if (step === 0) return err('range: step must not be 0');
      // integer bounds as in the reference: range(0, 2.5) is [0, 1]
      const n = a.length > 2 ? Math.max(0, Math.ceil((e - s) / step)) : Math.max(0, Math.trunc(e) - Math.trunc(s));
      if (n > rt.maxArray) rt.checkArray(new Array<Value>(n));
      rt.charge(n / 16);
      const out: Value[] = new Array<Value>(n);
      const first = a.length > 2 ? s : Math.trunc(s);
      for (let i = 0; i < n; i++) out[i] = first + i * step;
      return out;
    },
  ],
  [
    'removeAt',
    2,
    2,
    'Removes the element at an index from an array; returns the array.',
    (a) => {
      const t = a[0];
      const items = Array.isArray(t) ? t : t instanceof TreeNode ? t.arrayItems() : null;
      if (items === null) return err(`removeAt: unsupported type ${typeName(t)}`);
      const i = indexArg(a[1], 'removeAt');
      if (i < 0 || i >= items.length) return err(`removeAt: index ${i} out of bounds (length ${items.length})`);
      items.splice(i, 1);
      return t;
    },
  ],
  [
    'lastIndex',
    2,
    2,
    'Last position of an element in an array (or substring in a string); -1 when absent.',
    (a) => {
      const t = a[0];
      if (typeof t === 'string') {
        const i = t.lastIndexOf(str(a[1], 'lastIndex'));
        return i < 0 ? -1 : Array.from(t.slice(0, i)).length;
      }
      const items = arr(t, 'lastIndex');
      for (let i = items.length - 1; i >= 0; i--) if (equalValues(items[i], a[1])) return i;
      return -1;
    },
  ],
  [
    'sortArray',
    1,
    2,
    'Sorted copy of an array of numbers or strings; sortArray(a, fn) with a comparator returning a number.',
    (a, rt) => {
      const items = arr(a[0], 'sortArray').slice();
      rt.charge(items.length / 4);
      if (a.length > 1) {
        return items.sort((x, y) => num(rt.invoke(a[1], [x, y], 'sortArray'), 'sortArray', 'comparator result'));
      }
      return items.sort((x, y) => {
        if (typeof x === 'number' && typeof y === 'number') return x - y;
        const sx = toDisplay(x);
        const sy = toDisplay(y);
        return sx < sy ? -1 : sx > sy ? 1 : 0;
      });
    },
  ],
]);

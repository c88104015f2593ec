import { equalValues } from '../evaluator/ops';
import { Sig } from '../evaluator/runtime';
import { displayEach, toDisplay } from '../values/format';
import { TextBudget } from '../values/text-budget';
import { ChFunction } from '../values/function';
import { ChMap, HostObject, isArray, TreeNode, Value } from '../values/values';
import { table } from './types';
import { arr, err, int, str, typeName } from './util';

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

/** Deep copy of arrays, maps and nodes. */
export function cloneValue(v: Value, seen = new Map<object, Value>()): Value {
  if (v === null || typeof v !== 'object') return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (isArray(v)) {
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

function sliceCodePoints(s: string, start: number, end?: number): string {
  const cps = Array.from(s);
  return cps.slice(Math.max(0, start), end === undefined ? undefined : Math.max(0, end)).join('');
}

/**
 * What strings, arrays, JSON array nodes and maps have in common: search, length, slices,
 * splitting and joining, appending, copying, mapping (category `dispatchers`).
 */
export const SEQUENCE_BUILTINS = table('dispatchers', [
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
      if (isArray(t)) return t.findIndex((x) => equalValues(x, a[1]));
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
      if (isArray(t)) return t.slice(Math.max(0, start), end === undefined ? undefined : Math.max(0, end));
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
      if (isArray(t)) return [...t].reverse();
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
      if (isArray(t)) return t.some((x) => equalValues(x, a[1]));
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
      // one piece past the limit is enough to fail: the rest is never built
      return rt.checkArray(sep === '' ? Array.from(s) : s.split(sep, Math.min(rt.maxArray + 1, 2 ** 32 - 1)));
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
      // the size before the text: a long string or value many times over is not built to be refused
      const texts = displayEach(items, new TextBudget(rt.maxString));
      const sep = str(a[1], 'join', 'separator');
      let size = sep.length * Math.max(0, texts.length - 1);
      for (const t of texts) size += t.length;
      rt.checkStringLength(size);
      return texts.join(sep);
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
          if (t.isSelfOrAncestor(c)) return err('addTo: a node cannot contain itself');
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
        if (rt.sig !== Sig.None) break;
      }
      return out;
    },
  ],
]);

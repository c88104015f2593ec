import { BoundedText } from './bounded-text';
import { ChFunction } from './function';
import { MAX_JSON_DEPTH } from './json';
import { objectLabel } from './object-label';
import { smallestKeys } from './smallest-keys';
import { ChMap, DBNullValue, ExitRequest, HostObject, OpaqueValue, TreeNode, Value } from './values';

/**
 * The JSON text `string()` prints for a tree node — `stringifySorted(nodeToJson(n))` — written
 * straight into a BoundedText in output order, so a node with a million children costs what
 * the preview keeps, not what the whole text would be. It mirrors toJson/nodeToJson rule for
 * rule (functions left out of objects, "[circular]", "[too deep]", same-named children grouped
 * into arrays, keys in the order JSON.stringify gives the sorted object).
 */
export function writeNodeJson(n: TreeNode, out: BoundedText): void {
  // nodeDisplay converts the top node without marking it seen, and so does this
  writeNode(n, out, new Set());
}

function writeJson(v: Value, out: BoundedText, seen: Set<object>): void {
  if (out.full) return;
  switch (typeof v) {
    case 'number':
      return out.write(Number.isFinite(v) ? JSON.stringify(v) : 'null');
    case 'string':
      return writeString(v, out);
    case 'boolean':
      return out.write(v ? 'true' : 'false');
    case 'undefined':
      return out.write('null');
  }
  if (v instanceof DBNullValue) return out.write('null');
  if (seen.has(v)) return out.write('"[circular]"');
  if (seen.size >= MAX_JSON_DEPTH) return out.write('"[too deep]"');
  seen.add(v);
  try {
    if (Array.isArray(v)) writeArray(v, out, seen);
    else if (v instanceof ChMap) writeEntries(v.map, out, seen);
    else if (v instanceof TreeNode) writeNode(v, out, seen);
    else if (v instanceof HostObject) writeEntries(v.props, out, seen);
    else if (v instanceof OpaqueValue && v.data instanceof ChMap) writeEntries(v.data.map, out, seen);
    else if (v instanceof ExitRequest) {
      out.write('{"exit":');
      writeJson(v.code, out, seen);
      out.write('}');
    } else writeString(objectLabel(v), out);
  } finally {
    seen.delete(v);
  }
}

/** A JSON string literal; a long string is escaped only as far as the preview can hold. */
function writeString(s: string, out: BoundedText): void {
  const room = out.room;
  if (s.length < room) return out.write(JSON.stringify(s));
  // every source character escapes to at least one character: this fills the preview
  out.write(JSON.stringify(s.slice(0, room)).slice(0, -1));
}

function writeArray(items: readonly Value[], out: BoundedText, seen: Set<object>): void {
  out.write('[');
  for (let i = 0; i < items.length && !out.full; i++) {
    if (i > 0) out.write(',');
    writeJson(items[i], out, seen);
  }
  out.write(']');
}

/** Map entries as an object: function values are left out, as entriesToJson does. */
function writeEntries(map: Map<string, Value>, out: BoundedText, seen: Set<object>): void {
  const keys: string[] = [];
  for (const [k, v] of map) if (!(v instanceof ChFunction)) keys.push(k);
  writeObject(keysShown(keys, out.room), out, (k) => writeJson(map.get(k), out, seen));
}

function writeNode(n: TreeNode, out: BoundedText, seen: Set<object>): void {
  const items = n.arrayItems();
  if (items !== null) return writeArray(items, out, seen);
  if (n.flavor === 'xml' && n.children.length === 0 && n.attrs.size === 0) return writeString(n.text, out);
  // an attribute as a list of none or one value: nil is a value, a function is left out
  const attrOf = (k: string): Value[] => {
    const v = n.attrs.get(k);
    return n.attrs.has(k) && !(v instanceof ChFunction) ? [v] : [];
  };
  const hasText = n.flavor === 'xml' && n.text.trim() !== '';
  const shown = keysShown(keyNames(n, hasText), out.room);
  // children are grouped only under the names the preview can show
  const wanted = new Set(shown);
  const byName = new Map<string, TreeNode[]>();
  for (const c of n.children) {
    if (!wanted.has(c.name)) continue;
    const group = byName.get(c.name);
    if (group) group.push(c);
    else byName.set(c.name, [c]);
  }
  writeObject(shown, out, (k) => {
    if (k === '#text' && hasText) return writeString(n.text, out);
    const group = byName.get(k);
    const attr = attrOf(k);
    if (group === undefined) return writeJson(attr[0], out, seen);
    if (attr.length === 0 && group.length === 1) return writeJson(group[0], out, seen);
    writeGroup(attr, group, out, seen);
  });
}

/** The keys of a node's object: attributes that are not functions, child names, `#text`. */
function* keyNames(n: TreeNode, hasText: boolean): Generator<string> {
  for (const [k, v] of n.attrs) if (!(v instanceof ChFunction)) yield k;
  for (const c of n.children) yield c.name;
  if (hasText) yield '#text';
}

/**
 * Same-named children as nodeToJson folds them: [attribute, child1, child2…]; without an
 * attribute of that name, a first child that is a JSON array has the others appended to its
 * elements ([...first, second, …]), any other first child is simply the first element.
 */
function writeGroup(attr: Value[], group: TreeNode[], out: BoundedText, seen: Set<object>): void {
  const first = group[0];
  const firstItems = attr.length === 0 && !seen.has(first) && seen.size < MAX_JSON_DEPTH ? first.arrayItems() : null;
  let count = 0;
  const element = (v: Value) => {
    if (count++ > 0) out.write(',');
    writeJson(v, out, seen);
  };
  out.write('[');
  for (const a of attr) element(a);
  if (firstItems !== null) {
    // the first child's elements, converted while it is open, as toJson(first) would
    seen.add(first);
    for (let i = 0; i < firstItems.length && !out.full; i++) element(firstItems[i]);
    seen.delete(first);
  } else {
    element(first);
  }
  for (let i = 1; i < group.length && !out.full; i++) element(group[i]);
  out.write(']');
}

/**
 * The keys an object shows first, in JSON.stringify's order for the sorted object: integer-like
 * keys first in numeric order (JavaScript enumerates those first whatever the insertion order),
 * then the rest in code-unit order (`__proto__` is an ordinary key there too, see setOwn). Each
 * entry takes at least 4 characters ("":0), so `room` keys always fill the preview.
 */
function keysShown(keys: Iterable<string>, room: number): string[] {
  const indexes: string[] = [];
  const names: string[] = [];
  for (const k of keys) (isArrayIndex(k) ? indexes : names).push(k);
  return [...smallestKeys(indexes, room, (a, b) => Number(a) - Number(b)), ...smallestKeys(names, room)];
}

function writeObject(keys: string[], out: BoundedText, writeValue: (k: string) => void): void {
  out.write('{');
  for (let i = 0; i < keys.length && !out.full; i++) {
    if (i > 0) out.write(',');
    writeString(keys[i], out);
    out.write(':');
    writeValue(keys[i]);
  }
  out.write('}');
}

/** A key JavaScript treats as an array index: canonical uint32 below 2^32-1. */
function isArrayIndex(k: string): boolean {
  return /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;
}

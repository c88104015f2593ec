import { BoundedText, Preview } from './bounded-text';
import { toDisplay } from './format';
import { MAX_JSON_DEPTH } from './json';
import { writeNodeJson } from './preview-json';
import { smallestKeys } from './smallest-keys';
import { ChMap, HostObject, OpaqueValue, TreeNode, Value } from './values';

export type { Preview } from './bounded-text';

/**
 * What `string(v)` prints (toDisplay), cut at `maxChars`, with work in proportion to
 * `maxChars` rather than to the value: a ten-million-element array, a map with a million keys
 * or a value that contains itself is walked only as far as the preview reaches. For arrays and
 * maps the text is exactly toDisplay's prefix; where toDisplay itself would recurse forever (an
 * array inside a map inside that array) the preview simply stops at `maxChars`.
 */
export function previewDisplay(v: Value, maxChars: number): Preview {
  const out = new BoundedText(maxChars);
  writeDisplay(v, out);
  return out.result();
}

/**
 * Containers nested deeper than this print as "..." — only reachable with a preview of several
 * thousand characters over a value that contains itself through a map; it keeps the JS stack safe.
 */
const MAX_NESTING = 1000;

function writeDisplay(v: Value, out: BoundedText, depth = 0): void {
  if (out.full) return;
  if (depth > MAX_NESTING) return out.write('...');
  if (Array.isArray(v)) writeArray(v, out, new Set(), depth);
  else if (v instanceof ChMap) writeMap(v, out, depth);
  else if (v instanceof TreeNode) writeNode(v, out);
  else out.write(toDisplay(v));
}

/** displayArray: ", "-separated, "[...]" for an array already open or past 100 levels. */
function writeArray(v: Value[], out: BoundedText, open: Set<Value[]>, depth: number): void {
  if (open.has(v) || open.size > 100) return out.write('[...]');
  open.add(v);
  out.write('[');
  for (let i = 0; i < v.length && !out.full; i++) {
    if (i > 0) out.write(', ');
    const x = v[i];
    if (Array.isArray(x)) writeArray(x, out, open, depth + 1);
    else writeDisplay(x, out, depth + 1);
  }
  out.write(']');
  open.delete(v);
}

/** Go's %v of a map: `map[k:v k:v]` with the keys sorted. */
function writeMap(m: ChMap, out: BoundedText, depth: number): void {
  out.write('map[');
  // each entry takes at least 2 characters (":" and a separator), so this many fill the preview
  const keys = smallestKeys(m.map.keys(), out.room);
  for (let i = 0; i < keys.length && !out.full; i++) {
    if (i > 0) out.write(' ');
    out.write(keys[i] + ':');
    writeDisplay(m.map.get(keys[i]), out, depth + 1);
  }
  out.write(']');
}

/** Values a tree may hold up to which the exact toDisplay is cheap enough to call. */
const SMALL_TREE = 2000;

function writeNode(n: TreeNode, out: BoundedText): void {
  if (jsonSizeUpTo(n, SMALL_TREE) <= SMALL_TREE) out.write(toDisplay(n));
  else writeNodeJson(n, out);
}

/**
 * How many values toJson would visit for `v` (long strings count extra), counting no further
 * than just past `cap`: shared parts count every time they appear, as they are printed every time.
 */
function jsonSizeUpTo(v: Value, cap: number): number {
  let size = 0;
  const open = new Set<object>();
  const visit = (x: Value): void => {
    size += typeof x === 'string' ? 1 + (x.length >> 6) : 1;
    if (typeof x !== 'object' || open.has(x) || open.size >= MAX_JSON_DEPTH) return;
    open.add(x);
    for (const child of partsOf(x)) {
      if (size > cap) break;
      visit(child);
    }
    open.delete(x);
  };
  visit(v);
  return size;
}

function* partsOf(x: Value): Generator<Value> {
  if (Array.isArray(x)) yield* x;
  else if (x instanceof ChMap) yield* x.map.values();
  else if (x instanceof TreeNode) {
    yield* x.attrs.values();
    yield* x.children;
  } else if (x instanceof HostObject) yield* x.props.values();
  else if (x instanceof OpaqueValue && x.data instanceof ChMap) yield* x.data.map.values();
}

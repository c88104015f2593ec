import { Runtime, Sig } from '../evaluator/runtime';
import { equalValues } from '../evaluator/ops';
import { displayEach } from '../values/format';
import { TextBudget } from '../values/text-budget';
import { ChFunction } from '../values/function';
import { ChMap, isArray, TreeNode, Value } from '../values/values';
import { table } from './types';
import { err, str, typeName } from './util';

type Test = (v: Value) => boolean;

/** Every node/map reachable from root (through attributes, arrays and children), depth first. */
function* containers(v: Value, seen = new Set<object>()): Generator<TreeNode | ChMap> {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (isArray(v)) {
    for (const x of v) yield* containers(x, seen);
    return;
  }
  if (v instanceof TreeNode) {
    if (v.arrayItems() === null) yield v;
    for (const x of v.attrs.values()) yield* containers(x, seen);
    for (const c of v.children) yield* containers(c, seen);
    return;
  }
  if (v instanceof ChMap) {
    yield v;
    for (const x of v.map.values()) yield* containers(x, seen);
  }
}

function attrOf(c: TreeNode | ChMap, key: string): Value {
  return c instanceof TreeNode ? c.attrs.get(key) : c.map.get(key);
}

function search(root: Value, key: string, test: Test, rt?: Runtime): Value[] {
  const out: Value[] = [];
  for (const c of containers(root)) {
    rt?.charge(1);
    const v = attrOf(c, key);
    if (v !== undefined && test(v)) out.push(c);
  }
  return out;
}

function operatorTest(op: string, target: Value): Test {
  const num =
    (f: (a: number, b: number) => boolean): Test =>
    (v) =>
      typeof v === 'number' && typeof target === 'number' && f(v, target);
  const strop =
    (f: (a: string, b: string) => boolean): Test =>
    (v) =>
      typeof v === 'string' && typeof target === 'string' && f(v, target);
  switch (op.toLowerCase()) {
    case '!=':
    case '<>':
      return (v) => !equalValues(v, target);
    case '>':
      return num((a, b) => a > b);
    case '>=':
      return num((a, b) => a >= b);
    case '<':
      return num((a, b) => a < b);
    case '<=':
      return num((a, b) => a <= b);
    case 'contains':
      return strop((a, b) => a.includes(b));
    case 'startswith':
      return strop((a, b) => a.startsWith(b));
    case 'endswith':
      return strop((a, b) => a.endsWith(b));
    default:
      return (v) => equalValues(v, target);
  }
}

function walk(v: Value, visit: (x: Value) => boolean, seen = new Set<object>()): boolean {
  if (!visit(v)) return false;
  if (v === null || typeof v !== 'object' || seen.has(v)) return true;
  seen.add(v);
  if (isArray(v)) {
    for (const x of v) if (!walk(x, visit, seen)) return false;
  } else if (v instanceof TreeNode) {
    for (const x of v.attrs.values()) if (!walk(x, visit, seen)) return false;
    for (const c of v.children) if (!walk(c, visit, seen)) return false;
  } else if (v instanceof ChMap) {
    for (const x of v.map.values()) if (!walk(x, visit, seen)) return false;
  }
  return true;
}

function checkRoot(v: Value, who: string): Value {
  if (v instanceof TreeNode || v instanceof ChMap || Array.isArray(v)) return v;
  return err(`${who}: expected a node, got ${typeName(v)}`);
}

export const TREE_BUILTINS = table('tree', [
  [
    'treeFind',
    2,
    4,
    'treeFind([forest,] attr, value[, op]): the top-level trees of the forest (a node, map or array; default: all variables) that contain a match.',
    (a, rt, scope) => {
      let forest: Value;
      let rest: Value[];
      if (typeof a[0] === 'string') {
        forest = scope.allValues();
        rest = a;
      } else {
        forest = a[0];
        rest = a.slice(1);
      }
      if (rest.length < 2) return err('treeFind: missing value argument');
      const key = str(rest[0], 'treeFind', 'attribute name');
      const test = operatorTest(rest.length > 2 ? str(rest[2], 'treeFind', 'operator') : '=', rest[1]);
      const out: Value[] = [];
      const seen = new Set<object>();
      const tryAdd = (c: Value) => {
        if ((c instanceof TreeNode || c instanceof ChMap) && !seen.has(c) && search(c, key, test, rt).length > 0) {
          seen.add(c);
          out.push(c);
        }
      };
      // a value shared by many containers is walked once (again only when met nearer the top):
      // shared values made this walk exponential
      const walked = new Map<object, number>();
      const walkForest = (f: Value, depth: number): void => {
        if (depth > 200) return;
        if (f !== null && typeof f === 'object') {
          const before = walked.get(f);
          if (before !== undefined && before <= depth) return;
          walked.set(f, depth);
        }
        if (isArray(f)) for (const x of f) walkForest(x, depth + 1);
        else if (f instanceof ChMap) {
          tryAdd(f);
          for (const x of f.map.values()) walkForest(x, depth + 1);
        } else if (f instanceof TreeNode && f.flavor === 'map') {
          for (const x of f.attrs.values()) walkForest(x, depth + 1);
        } else tryAdd(f);
      };
      walkForest(forest, 0);
      return out;
    },
  ],
  [
    'treeSearch',
    3,
    5,
    'treeSearch(root, attr, value[, op[, existsOnly]]): nodes matching with = != > >= < <= contains startswith endswith; existsOnly gives a boolean.',
    (a, rt) => {
      const op = a.length > 3 ? str(a[3], 'treeSearch', 'operator') : '=';
      if (a.length > 4 && typeof a[4] !== 'boolean')
        return err(`treeSearch: existsOnly must be a boolean, got ${typeName(a[4])}`);
      const found = search(
        checkRoot(a[0], 'treeSearch'),
        str(a[1], 'treeSearch', 'attribute name'),
        operatorTest(op, a[2]),
        rt,
      );
      return a[4] === true ? found.length > 0 : found;
    },
  ],
  [
    'treeWalk',
    2,
    2,
    'treeWalk(root, fn): calls fn on the root and on every value below it, depth first; returns root.',
    (a, rt: Runtime) => {
      const f = a[1];
      if (!(f instanceof ChFunction)) return err(`treeWalk: expected a function, got ${typeName(f)}`);
      const root = checkRoot(a[0], 'treeWalk');
      walk(root, (x) => {
        rt.invoke(f, [x], 'treeWalk');
        return rt.sig === Sig.None;
      });
      return root;
    },
  ],
  [
    'treeToXML',
    1,
    1,
    'XML text of a node tree.',
    (a, rt) => {
      // the text of a value that shares its parts is exponential: it counts against the limit as it grows
      const budget = new TextBudget(rt.maxString);
      const toXml = (v: Value, name: string): string => {
        if (v instanceof TreeNode) {
          const tag = v.name || name;
          budget.spend(2 * tag.length + 5);
          const scalars = [...v.attrs].filter(([, x]) => typeof x !== 'object');
          const texts = displayEach(
            scalars.map(([, x]) => x),
            budget,
          );
          const attrs = scalars.map(([k], i) => ` ${k}="${texts[i]}"`).join('');
          const kids =
            [...v.attrs]
              .filter(([, x]) => x !== null && typeof x === 'object')
              .map(([k, x]) => toXml(x, k))
              .join('') + v.children.map((c) => toXml(c, c.name)).join('');
          return `<${tag}${attrs}>${kids}</${tag}>`;
        }
        if (isArray(v)) return v.map((x) => toXml(x, name)).join('');
        budget.spend(2 * name.length + 5);
        return `<${name}>${displayEach([v], budget)[0]}</${name}>`;
      };
      return rt.checkString(toXml(checkRoot(a[0], 'treeToXML'), 'root'));
    },
  ],
]);

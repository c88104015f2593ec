import { Runtime } from '../evaluator/runtime';
import { toDisplay } from '../values/format';
import { jsonNodeFrom, nodeToJson, stringifySorted } from '../values/json';
import { TextBudget } from '../values/text-budget';
import { ChMap, DBNull, TreeNode, Value } from '../values/values';
import { table } from './types';
import { err, int, node, str, typeName } from './util';
import { parseJsonText } from './json';
import { parseXml, xmlText } from './xml-codec';

function looksLikeJson(s: string): boolean {
  return s.startsWith('{') || s.startsWith('[');
}

/**
 * jsonNode(): empty node named "json"; jsonNode('{…}' or '[…]'): parsed JSON (named "json");
 * jsonNode(name): an empty node with that name. Extra arguments are ignored, as in the reference.
 */
function jsonNodeOf(a: Value[]): TreeNode {
  if (a.length === 0) return new TreeNode('json', 'json');
  const first = str(a[0], 'jsonNode');
  if (looksLikeJson(first)) return jsonNodeFrom(parseJsonText(first, 'jsonNode'), 'json');
  return new TreeNode(first, 'json');
}

function depth(n: TreeNode): number {
  let d = 0;
  for (let p = n.parent; p; p = p.parent) d++;
  return d;
}

function root(n: TreeNode): TreeNode {
  let r = n;
  while (r.parent) r = r.parent;
  return r;
}

/** Depth first; a node listed under several parents is searched once (that was exponential). */
function findByName(n: TreeNode, name: string, searched = new Set<TreeNode>()): TreeNode | undefined {
  searched.add(n);
  for (const c of n.children) {
    if (c.name === name) return c;
    if (searched.has(c)) continue;
    const f = findByName(c, name, searched);
    if (f) return f;
  }
  return undefined;
}

/** nodeToString: JSON nodes as compact JSON (keys sorted like Go), others as JSON of their content. */
export function nodeText(n: TreeNode, budget: TextBudget): string {
  if (n.flavor === 'xml') return xmlText(n, budget);
  return stringifySorted(nodeToJson(n, budget));
}

function nameOf(a: Value[], who: string, dflt: string): string {
  return a.length > 0 ? str(a[0], who, 'name') : dflt;
}

export const NODE_BUILTINS = table('nodes', [
  ['create', 0, 1, 'create(name): a new tree node (T).', (a) => new TreeNode(nameOf(a, 'create', 'node'), 'tree')],
  [
    'treeNode',
    0,
    1,
    'treeNode(name): a new tree node (T).',
    (a) => new TreeNode(nameOf(a, 'treeNode', 'root'), 'tree'),
  ],
  ['newTree', 0, 1, 'newTree(name): a new tree node (T).', (a) => new TreeNode(nameOf(a, 'newTree', 'root'), 'tree')],
  [
    'jsonNode',
    0,
    2,
    "jsonNode([json text | name]): a JSON node (J); a string not starting with { or [ is the node's name.",
    (a) => jsonNodeOf(a),
  ],
  [
    'mapNode',
    0,
    1,
    'mapNode([name]): a node whose missing properties are errors.',
    (a) => new TreeNode(nameOf(a, 'mapNode', 'map'), 'map'),
  ],
  [
    'xmlNode',
    0,
    2,
    "xmlNode([xml text | name][, text]): parsed XML ('<…') or an empty element with that name (X).",
    (a, rt) => {
      if (a.length === 0) return new TreeNode('xml', 'xml');
      const t = str(a[0], 'xmlNode').trim();
      if (t === '') return err('xmlNode requires a non-empty string');
      if (t.startsWith('<')) {
        rt.charge(t.length / 16);
        return parseXml(t);
      }
      const n = new TreeNode(t, 'xml');
      if (a.length > 1) n.text = toDisplay(a[1]);
      return n;
    },
  ],
  [
    'addChild',
    2,
    2,
    'Appends a child node; returns the parent.',
    (a) => {
      const p = node(a[0], 'addChild');
      const c = node(a[1], 'addChild');
      if (p.isSelfOrAncestor(c)) return err('addChild: a node cannot contain itself');
      if (c.parent) c.parent.children.splice(c.parent.children.indexOf(c), 1);
      p.addChild(c);
      return p;
    },
  ],
  [
    'removeChild',
    2,
    2,
    'Removes a child (node or name); returns the parent.',
    (a) => {
      const p = node(a[0], 'removeChild');
      const i =
        typeof a[1] === 'string' ? p.children.findIndex((c) => c.name === a[1]) : p.children.indexOf(a[1] as TreeNode);
      if (i >= 0) {
        p.children[i].parent = null;
        p.children.splice(i, 1);
      }
      return p;
    },
  ],
  ['getChildren', 1, 1, 'The children of a node as an array.', (a) => node(a[0], 'getChildren').children.slice()],
  ['childCount', 1, 1, 'Number of children of a node.', (a) => node(a[0], 'childCount').children.length],
  ['firstChild', 1, 1, 'First child or DBNull.', (a) => node(a[0], 'firstChild').children[0] ?? DBNull],
  ['lastChild', 1, 1, 'Last child or DBNull.', (a) => node(a[0], 'lastChild').children.at(-1) ?? DBNull],
  [
    'getChildAt',
    2,
    2,
    'Child at an index; DBNull when out of range.',
    (a) => {
      const n = node(a[0], 'getChildAt');
      const i = int(a[1], 'getChildAt', 'index');
      return i >= 0 && i < n.children.length ? n.children[i] : DBNull;
    },
  ],
  [
    'getChildByName',
    2,
    2,
    'First child with the name; a missing child is an error.',
    (a) => {
      const name = str(a[1], 'getChildByName', 'name');
      return node(a[0], 'getChildByName').childByName(name) ?? err(`child not found: ${name}`);
    },
  ],
  [
    'setChildByName',
    3,
    3,
    'Replaces (or adds) the child with the name.',
    (a) => {
      const p = node(a[0], 'setChildByName');
      const name = str(a[1], 'setChildByName', 'name');
      const c = node(a[2], 'setChildByName');
      if (p.isSelfOrAncestor(c)) return err('setChildByName: a node cannot contain itself');
      c.name = name;
      const i = p.children.findIndex((x) => x.name === name);
      c.parent = p;
      if (i >= 0) p.children[i] = c;
      else p.children.push(c);
      return p;
    },
  ],
  [
    'findByName',
    2,
    2,
    'First descendant with the name, or DBNull.',
    (a) => findByName(node(a[0], 'findByName'), str(a[1], 'findByName')) ?? DBNull,
  ],
  ['getParent', 1, 1, 'Parent node or DBNull.', (a) => node(a[0], 'getParent').parent ?? DBNull],
  ['getRoot', 1, 1, 'Root of the tree the node is in.', (a) => root(node(a[0], 'getRoot'))],
  [
    'getSiblings',
    1,
    1,
    'The other children of the node’s parent.',
    (a) => {
      const n = node(a[0], 'getSiblings');
      return n.parent ? n.parent.children.filter((c) => c !== n) : [];
    },
  ],
  ['isLeaf', 1, 1, 'True when the node has no children.', (a) => node(a[0], 'isLeaf').children.length === 0],
  ['isRoot', 1, 1, 'True when the node has no parent.', (a) => node(a[0], 'isRoot').parent === null],
  ['getDepth', 1, 1, 'Number of ancestors of the node.', (a) => depth(node(a[0], 'getDepth'))],
  ['getLevel', 1, 1, 'Number of ancestors of the node.', (a) => depth(node(a[0], 'getLevel'))],
  [
    'getPath',
    1,
    1,
    "Slash-separated names from the root to the node ('/root/a/b').",
    (a) => {
      const names: string[] = [];
      for (let n: TreeNode | null = node(a[0], 'getPath'); n; n = n.parent) names.unshift(n.name);
      return '/' + names.join('/');
    },
  ],
  [
    'getName',
    1,
    1,
    'Name of a node (or transform).',
    (a) => {
      const n = a[0];
      if (n instanceof TreeNode) return n.name;
      return err(`getName: unsupported type ${typeName(n)}`);
    },
  ],
  [
    'setName',
    2,
    2,
    'Renames a node; returns the new name.',
    (a) => {
      const n = node(a[0], 'setName');
      const name = str(a[1], 'setName', 'name');
      if (n.arrayKey !== null && n.arrayKey === '_' + n.name) {
        const items = n.attrs.get(n.arrayKey);
        n.attrs.delete(n.arrayKey);
        n.arrayKey = '_' + name;
        n.attrs.set(n.arrayKey, items);
      }
      n.name = name;
      return name;
    },
  ],
  [
    'setAttributes',
    2,
    2,
    'Copies all entries of a map onto a node’s attributes.',
    (a) => {
      const n = node(a[0], 'setAttributes');
      const m = a[1];
      if (!(m instanceof ChMap)) return err(`setAttributes: expected a map, got ${typeName(m)}`);
      for (const [k, v] of m.map) n.attrs.set(k, v);
      return n;
    },
  ],
  ['getText', 1, 1, 'Text content of a node.', (a) => node(a[0], 'getText').text],
  [
    'setText',
    2,
    2,
    'Sets the text content of a node.',
    (a) => {
      const n = node(a[0], 'setText');
      n.text = toDisplay(a[1]);
      return n;
    },
  ],
  [
    'clear',
    1,
    1,
    'Removes all children and attributes of a node.',
    (a) => {
      const n = node(a[0], 'clear');
      n.children = [];
      n.attrs.clear();
      n.arrayKey = null;
      return n;
    },
  ],
  ['list', 1, 1, 'Names of the children of a node.', (a) => node(a[0], 'list').children.map((c) => c.name)],
  [
    'nodeToString',
    1,
    1,
    'Compact JSON of a node (XML text for XML nodes).',
    (a, rt: Runtime) => rt.checkString(nodeText(node(a[0], 'nodeToString'), new TextBudget(rt.maxString))),
  ],
]);

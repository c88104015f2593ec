import { runChariotRaw } from '../evaluator/run';
import { BoundedText } from './bounded-text';
import { toDisplay } from './format';
import { ChFunction } from './function';
import { previewDisplay } from './preview';
import { writeNodeJson } from './preview-json';
import { smallestKeys } from './smallest-keys';
import { ChMap, DBNull, HostObject, TreeNode, Value } from './values';

const valueOf = (src: string): Value => runChariotRaw(src).value;

/** The streaming tree writer alone, as previewDisplay uses it for large trees. */
function nodeJson(n: TreeNode, max = 100_000): string {
  const out = new BoundedText(max);
  writeNodeJson(n, out);
  return out.result().text;
}

function jsonNode(name: string, attrs: [string, Value][] = [], children: TreeNode[] = []): TreeNode {
  const n = new TreeNode(name, 'json');
  for (const [k, v] of attrs) n.attrs.set(k, v);
  for (const c of children) n.addChild(c);
  return n;
}

describe('previewDisplay', () => {
  it('prints small values exactly as string() does, untruncated', () => {
    const values: Value[] = [
      42,
      -0,
      1e21,
      'text',
      true,
      undefined,
      DBNull,
      valueOf('[1, "a", [2, [3]], mapValue("b", 1, "a", [true, null])]'),
      valueOf('setq(a, [1]) addTo(a, a) a'),
      valueOf('func(x, y) { x }'),
      valueOf('parseJSON(\'{"b":[1,2,{"c":null}],"a":"x","10":1,"9":2}\')'),
      new HostObject('conn'),
    ];
    for (const v of values) expect(previewDisplay(v, 1000)).toEqual({ text: toDisplay(v), truncated: false });
  });

  it('cuts a long text at the limit and says so, never inside a surrogate pair', () => {
    expect(previewDisplay('x'.repeat(1001), 1000)).toEqual({ text: 'x'.repeat(1000), truncated: true });
    expect(previewDisplay('x'.repeat(1000), 1000)).toEqual({ text: 'x'.repeat(1000), truncated: false });
    expect(previewDisplay('x'.repeat(999) + '😀', 1000)).toEqual({ text: 'x'.repeat(999), truncated: true });
  });

  it('gives the exact prefix of a long array and of a long map', () => {
    const arr = Array.from({ length: 2000 }, (_, i) => i);
    expect(previewDisplay(arr, 1000)).toEqual({ text: toDisplay(arr).slice(0, 1000), truncated: true });
    const map = new ChMap(new Map(Array.from({ length: 2000 }, (_, i): [string, Value] => [`k${2000 - i}`, [i, 'v']])));
    expect(previewDisplay(map, 1000)).toEqual({ text: toDisplay(map).slice(0, 1000), truncated: true });
  });

  it('previews a ten-million-element array without walking past the preview', () => {
    const big: Value[] = new Array<Value>(10_000_000).fill(12345);
    let elementsRead = 0;
    const watched = new Proxy(big, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) elementsRead++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(previewDisplay(watched, 1000).text).toBe(('[' + '12345, '.repeat(200)).slice(0, 1000));
    expect(elementsRead).toBeLessThan(1000);
  });

  it('previews a million-key map in one pass, without sorting every key', () => {
    const keys = new Map<string, Value>();
    for (let i = 999_999; i >= 0; i--) keys.set(`key${i}`, i);
    const started = performance.now();
    expect(previewDisplay(new ChMap(keys), 1000).text.startsWith('map[key0:0 key1:1 key10:10 key100:100 ')).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('does not multiply work on a value shared many times over', () => {
    // 2^40 leaves if printed in full
    let v: Value = [1];
    for (let i = 0; i < 40; i++) v = [v, v];
    const started = performance.now();
    expect(previewDisplay(v, 1000).truncated).toBe(true);
    // printed in full it would take years; generous for a loaded machine
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops at the limit where string() itself would recurse forever', () => {
    // an array inside a map inside that array: toDisplay runs out of stack on this one
    const a: Value[] = [];
    a.push(new ChMap(new Map<string, Value>([['k', a]])));
    const { text, truncated } = previewDisplay(a, 1000);
    expect(truncated).toBe(true);
    expect(text.startsWith('[map[k:[map[k:[')).toBe(true);
  });

  it('previews a large tree as the prefix of its JSON text', () => {
    const items = Array.from({ length: 5000 }, (_, i) =>
      jsonNode('item', [
        ['id', i],
        ['name', `n${i}`],
      ]),
    );
    const root = jsonNode('root', [['count', 5000]], items);
    const started = performance.now();
    const { text, truncated } = previewDisplay(root, 1000);
    // the whole text is about 150,000 characters: generous for a loaded machine
    expect(performance.now() - started).toBeLessThan(2000);
    expect(truncated).toBe(true);
    expect(text).toBe(toDisplay(root).slice(0, 1000));
  });
});

describe('writeNodeJson', () => {
  it('writes the same text as string() for the shapes nodeToJson folds specially', () => {
    const fn = new ChFunction([], () => undefined, null as never);
    const arrayNode = (name: string, xs: Value[]) => {
      const n = jsonNode(name);
      n.arrayKey = '_' + name;
      n.attrs.set(n.arrayKey, xs);
      return n;
    };
    const xml = new TreeNode('cfg', 'xml');
    xml.text = ' hello ';
    const leaf = new TreeNode('host', 'xml');
    leaf.text = 'h1';
    xml.addChild(leaf);
    xml.attrs.set('id', '7');
    const cyclic = jsonNode('c');
    cyclic.attrs.set('self', cyclic);
    cyclic.attrs.set('list', [cyclic, new ChMap(new Map<string, Value>([['m', cyclic]]))]);
    const trees = [
      jsonNode('r', [
        ['b', 1],
        ['a', 'x'],
        ['10', 1],
        ['9', 2],
        ['f', fn],
        ['__proto__', 3],
      ]),
      jsonNode(
        'r',
        [['constructor', 1]],
        [
          jsonNode('toString'),
          jsonNode('__proto__', [['i', 1]]),
          jsonNode('toString', [['i', 2]]),
          jsonNode('constructor'),
        ],
      ),
      jsonNode(
        'r',
        [],
        [jsonNode('x', [['i', 1]]), jsonNode('x', [['i', 2]]), jsonNode('x', [['i', 3]]), jsonNode('y')],
      ),
      jsonNode('r', [['x', [1, 2]]], [jsonNode('x', [['i', 1]]), jsonNode('x', [['i', 2]])]),
      jsonNode('r', [], [arrayNode('x', [1, 2]), jsonNode('x', [['i', 3]]), arrayNode('x', [4])]),
      jsonNode('r', [], [arrayNode('x', [1, 2])]),
      arrayNode('list', [
        1,
        'two',
        undefined,
        DBNull,
        NaN,
        fn,
        new ChMap(
          new Map<string, Value>([
            ['z', 1],
            ['a', [fn]],
          ]),
        ),
      ]),
      xml,
      new TreeNode('empty', 'xml'),
      cyclic,
      valueOf('parseXMLString(\'<cfg id="7"><db><host>h1</host><host>h2</host></db>text</cfg>\')') as TreeNode,
      valueOf(
        'parseJSON(\'{"user": {"name": "Ann", "tags": ["a", "b"]}, "n": 2, "e": {}, "s": "q\\\\"uo\\\\u00e9"}\')',
      ) as TreeNode,
    ];
    for (const t of trees) expect(nodeJson(t)).toBe(toDisplay(t));
  });

  it('escapes only as much of a long string as the preview keeps', () => {
    const n = jsonNode('r', [['s', '"'.repeat(5_000_000)]]);
    const out = new BoundedText(100);
    writeNodeJson(n, out);
    expect(out.result()).toEqual({ text: toDisplay(n).slice(0, 100), truncated: true });
  });
});

describe('smallestKeys', () => {
  it('keeps the k smallest distinct keys in order, whatever the input order', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    const shuffled = [...keys].sort(() => Math.random() - 0.5);
    expect(smallestKeys(shuffled, 10)).toEqual(keys.slice(0, 10));
    expect(smallestKeys([...keys].reverse(), 3)).toEqual(keys.slice(0, 3));
    expect(smallestKeys(['b', 'a'], 10)).toEqual(['a', 'b']);
    expect(smallestKeys(['b', 'a'], 0)).toEqual([]);
    expect(smallestKeys(['c', 'a', 'c', 'b', 'a', 'd', 'a'], 3)).toEqual(['a', 'b', 'c']);
  });
});

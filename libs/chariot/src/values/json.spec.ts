import { runChariotRaw } from '../evaluator/run';
import { runChariot } from '../index';
import { toJson } from './json';
import { ChMap, TreeNode, Value } from './values';

const run = (src: string) => runChariot(src).value;

describe('toJson and JSON text', () => {
  it('round-trips a __proto__ key of parsed JSON as an ordinary key', () => {
    expect(run(`toJSON(parseJSON('{"__proto__": {"a": 1}, "b": 2}'))`)).toBe('{"__proto__":{"a":1},"b":2}');
    const value = run(`parseJSON('{"__proto__": 5, "b": 2}')`) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe('{"__proto__":5,"b":2}');
  });

  it('keeps __proto__ as a key of maps, host objects and nodes in results and in string()', () => {
    const value = run('mapValue("__proto__", 1, "x", 2)') as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(JSON.stringify(value)).toBe('{"__proto__":1,"x":2}');
    expect(run('setq(h, createHostObject("h")) setHostProperty(h, "__proto__", 3) toJSON(h)')).toBe('{"__proto__":3}');
    expect(run('setq(n, jsonNode("r")) setAttribute(n, "__proto__", 1) string(n)')).toBe('{"__proto__":1}');
  });

  it('groups children by their own names: toString, constructor and __proto__ are names like any other', () => {
    const root = new TreeNode('r', 'json');
    for (const name of ['toString', 'constructor', '__proto__', 'toString']) {
      const c = new TreeNode(name, 'json');
      c.attrs.set('i', root.children.length);
      root.addChild(c);
    }
    expect(JSON.stringify(toJson(root))).toBe(
      '{"toString":[{"i":0},{"i":3}],"constructor":{"i":1},"__proto__":{"i":2}}',
    );
  });

  it('groups same-named children as before: an attribute first, a first child that is an array has the others appended', () => {
    const n = new TreeNode('r', 'json');
    n.attrs.set('x', [1]);
    const list = new TreeNode('y', 'json');
    list.arrayKey = '_y';
    list.attrs.set('_y', [1, 2]);
    for (const c of [new TreeNode('x', 'json'), new TreeNode('x', 'json'), list, new TreeNode('y', 'json')])
      n.addChild(c);
    expect(toJson(n)).toEqual({ x: [[1], {}, {}], y: [1, 2, {}] });
  });

  it('converts a node with many same-named children in linear time', () => {
    const root = new TreeNode('r', 'json');
    for (let i = 0; i < 100_000; i++) root.addChild(new TreeNode('c', 'json'));
    const started = performance.now();
    const json = toJson(root) as { c: Value[] };
    expect(json.c).toHaveLength(100_000);
    // quadratic grouping took minutes here; generous bound for a loaded machine
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('leaves functions out of objects and writes them in arrays as their label', () => {
    const f = runChariotRaw('func(a, b) { a }').value;
    expect(toJson(new ChMap(new Map<string, Value>([['f', f]])))).toEqual({});
    expect(toJson([f])).toEqual(['func(a, b)']);
  });
});

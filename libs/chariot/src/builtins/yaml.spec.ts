import { expect } from '@jest/globals';
import fc from 'fast-check';
import { runChariot } from '../index';
import { keyValue, MAX_FLOW_DEPTH, parseYaml, toYaml } from './yaml';

/** The expression keyValue replaces: right, but quadratic on long runs of spaces. */
const KEY_VALUE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:]+?)\s*:(?:\s+(.*))?$/;

describe('parseYaml', () => {
  it('splits a mapping line exactly as the regular expression it replaces', () => {
    const line = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '\t', ':', '"', "'", '\\', '#', '-', '\r', '\u00a0', '\u2028', 'é'),
      maxLength: 14,
    });
    fc.assert(
      fc.property(line, (text) => {
        const m = KEY_VALUE.exec(text);
        expect(keyValue(text)).toEqual(m === null ? null : { key: m[1], rest: m[2] });
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses a line of 50,000 spaces between two words at once, with the usual error', () => {
    const started = performance.now();
    expect(() => runChariot('parseYAML(concat("a", repeat(" ", 50000), "b"))')).toThrow(
      expect.objectContaining({
        code: 'RUNTIME_ERROR',
        message: "yaml: expected 'key: value' at line 1",
        functionName: 'parseYAML',
      }),
    );
    // this took ~10 s in one regular expression; generous bound for a loaded machine
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads long runs of spaces and digits in keys and values', () => {
    expect(parseYaml(`key${' '.repeat(50_000)}: value`)).toEqual({ key: 'value' });
    expect(parseYaml(`n: ${'1'.repeat(50_000)}x`)).toEqual({ n: `${'1'.repeat(50_000)}x` });
    expect(parseYaml('n: 12.5e3\nm: .5\nk: 7.')).toEqual({ n: 12500, m: 0.5, k: 7 });
  });

  it('keeps __proto__ as an ordinary key, in block and flow mappings', () => {
    const data = parseYaml('__proto__: 1\nb: {__proto__: 2, c: [1, 2]}') as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['__proto__', 'b']);
    expect(JSON.stringify(data)).toBe('{"__proto__":1,"b":{"__proto__":2,"c":[1,2]}}');
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(runChariot(`toJSON(parseYAML("__proto__: 1"))`).value).toBe('{"__proto__":1}');
  });

  it('reads a long sequence of mappings in linear time', () => {
    const started = performance.now();
    const items = parseYaml('- a: 1\n  b: 2\n'.repeat(100_000)) as unknown[];
    expect(items).toHaveLength(100_000);
    expect(items[99_999]).toEqual({ a: 1, b: 2 });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses flow collections nested deeper than MAX_FLOW_DEPTH', () => {
    const nested = (depth: number) => `a: ${'['.repeat(depth)}x${']'.repeat(depth)}`;
    expect(JSON.stringify(parseYaml(nested(MAX_FLOW_DEPTH)))).toBe(
      `{"a":${'['.repeat(MAX_FLOW_DEPTH)}"x"${']'.repeat(MAX_FLOW_DEPTH)}}`,
    );
    expect(() => parseYaml(nested(MAX_FLOW_DEPTH + 1))).toThrow(
      `yaml: flow collections nested deeper than ${MAX_FLOW_DEPTH} at line 1`,
    );
  });

  it('charges its work to the run', () => {
    const text = `a: [${'x, '.repeat(200_000)}x]`;
    expect(() => runChariot(`parseYAML("${text}")`, { limits: { maxSteps: 10_000 } })).toThrow(
      expect.objectContaining({ code: 'STEP_LIMIT' }),
    );
  });
});

describe('toYaml', () => {
  it('writes empty collections in a list as [] and {}, like empty values of a mapping', () => {
    expect(toYaml([{}, [], 1, 'a'])).toBe('- {}\n- []\n- 1\n- a\n');
    expect(toYaml({ a: {}, b: [] })).toBe('a: {}\nb: []\n');
  });
});

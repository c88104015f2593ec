import { jsonNestingExceeds, JsonTooDeepError, limitJsonDepth } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonNestingExceeds', () => {
  it('counts arrays and objects together', () => {
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(bytes(JSON.stringify({ program: '[[[[{{{{\\"[[[[' })), 1)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":"\\"[[[[["}'), 1)).toBe(false);
  });

  it('passes over multi-byte characters', () => {
    expect(jsonNestingExceeds(bytes(JSON.stringify({ m: '€[€{€' })), 1)).toBe(false);
  });

  it('refuses a body nested thousands deep without recursing', () => {
    expect(jsonNestingExceeds(bytes(nested(100_000)), 64)).toBe(true);
    expect(jsonNestingExceeds(bytes(nested(64)), 64)).toBe(false);
  });
});

describe('limitJsonDepth', () => {
  it('throws a 400 body-parser error typed entity.too.deep past the limit', () => {
    const verify = limitJsonDepth(2);
    expect(() => verify({}, {}, bytes('[[1]]'))).not.toThrow();
    let thrown: unknown;
    try {
      verify({}, {}, bytes('[[[1]]]'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(JsonTooDeepError);
    expect(thrown).toMatchObject({ status: 400, type: 'entity.too.deep' });
  });
});

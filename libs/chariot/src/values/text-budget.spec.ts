import { expect } from '@jest/globals';
import { runChariot } from '../index';

/** `a = [a, a]` forty times over: 40 small arrays whose text would be 2^40 elements long. */
const DOUBLED = 'setq(a, array(1)) setq(i, 0) while (i < 40) { setq(a, array(a, a)) setq(i, i + 1) } ';
const DOUBLED_MAP =
  'setq(m, mapValue("x", 1)) setq(i, 0) while (i < 40) { setq(m, mapValue("a", m, "b", m)) setq(i, i + 1) } ';
const limits = { maxStringLength: 100_000 };

describe('conversions of shared values stop at the string limit', () => {
  it.each([
    ['string()', `${DOUBLED} string(a)`],
    ['toString()', `${DOUBLED} toString(a)`],
    ['toJSON()', `${DOUBLED} toJSON(a)`],
    ['join()', `${DOUBLED} join(array(a, a), ",")`],
    ['concat()', `${DOUBLED} concat("", a)`],
    ['sortArray()', `${DOUBLED} sortArray(array(a, "x", a))`],
    ['logPrint()', `${DOUBLED} logPrint("m", "info", a, a)`],
    ['a map', `${DOUBLED_MAP} string(m)`],
    ['a node', `${DOUBLED_MAP} setq(n, jsonNode("r")) setAttribute(n, "m", m) string(n)`],
    ['the result', `${DOUBLED} a`],
  ])('%s fails with STRING_LIMIT instead of running for ever', (_what, src) => {
    const started = performance.now();
    expect(() => runChariot(src, { limits })).toThrow(expect.objectContaining({ code: 'STRING_LIMIT' }));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses no text within the limit', () => {
    const src =
      'setq(a, array(1, "two", true, null, mapValue("k", [1.5, "x"]), parseJSON(\'{"b": [1, {"c": "d"}]}\'))) setq(a, array(a, a, a)) ';
    const display = runChariot(`${src} string(a)`).value as string;
    const json = runChariot(`${src} toJSON(a)`).value as string;
    const listed = runChariot(`${src} toString(a)`).value as string;
    expect(runChariot(`${src} string(a)`, { limits: { maxStringLength: display.length } }).value).toBe(display);
    expect(runChariot(`${src} toJSON(a)`, { limits: { maxStringLength: json.length } }).value).toBe(json);
    expect(runChariot(`${src} toString(a)`, { limits: { maxStringLength: listed.length } }).value).toBe(listed);
    expect(
      runChariot(`${src} a`, { limits: { maxStringLength: JSON.stringify(runChariot(`${src} a`).value).length } })
        .value,
    ).toEqual(runChariot(`${src} a`).value);
    expect(() => runChariot(`${src} string(a)`, { limits: { maxStringLength: display.length - 1 } })).toThrow(
      expect.objectContaining({ code: 'STRING_LIMIT' }),
    );
  });
});

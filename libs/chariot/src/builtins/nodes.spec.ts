import { expect } from '@jest/globals';
import { runChariot } from '../index';

/** A node listed twice under each of 40 parents: its text would be 2^40 copies long. */
const SHARED =
  'setq(n, xmlNode("x")) setq(i, 0) while (i < 40) { setq(k, xmlNode("k")) addTo(k, n, n) setq(n, k) setq(i, i + 1) } ';
const limits = { maxStringLength: 100_000 };

describe('node trees', () => {
  it.each([
    ['addTo', 'setq(a, jsonNode("a")) setq(b, jsonNode("b")) addTo(a, b) addTo(b, a) getRoot(a)'],
    ['addTo itself', 'setq(a, jsonNode("a")) addTo(a, a) getRoot(a)'],
    [
      'setChildByName',
      'setq(a, jsonNode("a")) setq(b, jsonNode("b")) setChildByName(a, "x", b) setChildByName(b, "y", a) getPath(a)',
    ],
    ['addChild', 'setq(a, jsonNode("a")) setq(b, jsonNode("b")) addChild(a, b) addChild(b, a) getDepth(a)'],
  ])('%s refuses to make a node its own ancestor (getRoot, getPath, getDepth walked up for ever)', (fn, src) => {
    expect(() => runChariot(src, { limits: { maxSteps: 10_000 } })).toThrow(
      expect.objectContaining({ message: `${fn.split(' ')[0]}: a node cannot contain itself` }),
    );
  });

  it('still moves and adds nodes', () => {
    expect(
      runChariot(
        'setq(a, jsonNode("a")) setq(b, jsonNode("b")) setq(c, jsonNode("c")) addTo(a, b) addTo(b, c) setChildByName(a, "x", jsonNode("y")) getPath(c)',
      ).value,
    ).toBe('/a/b/c');
  });

  it('writes and searches a node listed under many parents within the limits', () => {
    const started = performance.now();
    expect(() => runChariot(`${SHARED} xmlToString(n)`, { limits })).toThrow(
      expect.objectContaining({ code: 'STRING_LIMIT', functionName: 'xmlToString' }),
    );
    expect(() => runChariot(`${SHARED} nodeToString(n)`, { limits })).toThrow(
      expect.objectContaining({ code: 'STRING_LIMIT', functionName: 'nodeToString' }),
    );
    expect(() => runChariot(`${SHARED} treeToXML(n)`, { limits })).toThrow(
      expect.objectContaining({ code: 'STRING_LIMIT', functionName: 'treeToXML' }),
    );
    expect(runChariot(`${SHARED} findByName(n, "nowhere")`, { limits }).value).toBeNull();
    expect(runChariot(`${SHARED} getName(findByName(n, "x"))`, { limits }).value).toBe('x');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

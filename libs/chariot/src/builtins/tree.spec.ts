import { runChariot } from '../index';

describe('treeFind', () => {
  it('walks a forest of shared maps once per map, not once per path', () => {
    const shared =
      'setq(m, mapValue("x", 1)) setq(i, 0) while (i < 40) { setq(m, mapValue("a", m, "b", m)) setq(i, i + 1) } ';
    const started = performance.now();
    expect(runChariot(`${shared} length(treeFind(array(m), "x", 1))`).value).toBe(41);
    expect(runChariot(`${shared} treeFind(array(m), "x", 2)`).value).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('finds the top-level trees that contain a match, in order', () => {
    const src =
      'setq(a, mapValue("k", 1)) setq(b, mapValue("k", 2, "in", a)) setq(c, mapValue("k", 3)) treeFind(array(c, b, a), "k", 1)';
    expect(runChariot(src).value).toEqual([{ in: { k: 1 }, k: 2 }, { k: 1 }]);
  });
});

import { clampSidebar, clampSplit, SPLIT_DEFAULT, SPLIT_MAX, SPLIT_MIN } from './split';

describe('clampSplit', () => {
  it('keeps a share within its bounds and replaces what is not a number by the default', () => {
    expect([0.5, 0.05, 0.95, NaN, Infinity].map(clampSplit)).toEqual([
      0.5,
      SPLIT_MIN,
      SPLIT_MAX,
      SPLIT_DEFAULT,
      SPLIT_DEFAULT,
    ]);
  });
});

describe('clampSidebar', () => {
  it('keeps the sidebar between 170 and 560 px, whole, and falls back to 260', () => {
    expect(clampSidebar(100)).toBe(170);
    expect(clampSidebar(300.4)).toBe(300);
    expect(clampSidebar(9000)).toBe(560);
    expect(clampSidebar(Number.NaN)).toBe(260);
  });
});

import { clampSplit, SPLIT_DEFAULT, SPLIT_MAX, SPLIT_MIN } from './split';

describe('clampSplit', () => {
  it('keeps a share within its bounds and replaces what is not a number by the default', () => {
    expect([0.5, 0.05, 0.95, NaN, Infinity].map(clampSplit)).toEqual([0.5, SPLIT_MIN, SPLIT_MAX, SPLIT_DEFAULT, SPLIT_DEFAULT]);
  });
});

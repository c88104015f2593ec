import { expect } from '@jest/globals';
import { runChariot } from '../index';

describe('split and join', () => {
  it('split stops one piece past the array limit', () => {
    const limits = { maxArrayLength: 10 };
    expect(() => runChariot('split(repeat("a,", 1000000), ",")', { limits })).toThrow(
      expect.objectContaining({ code: 'ARRAY_LIMIT', functionName: 'split' }),
    );
    expect(runChariot('split("a,b,,c", ",")', { limits }).value).toEqual(['a', 'b', '', 'c']);
    expect(runChariot('split("a,b", ",")', { limits: { maxArrayLength: Number.MAX_SAFE_INTEGER } }).value).toEqual([
      'a',
      'b',
    ]);
  });

  it('join refuses a result past the string limit before building it', () => {
    const limits = { maxStringLength: 1000 };
    expect(() => runChariot('setq(s, repeat("x", 600)) join(array(s, s), "")', { limits })).toThrow(
      expect.objectContaining({ code: 'STRING_LIMIT', functionName: 'join' }),
    );
    expect(() => runChariot('join(array("a", "b"), repeat("-", 999))', { limits })).toThrow(
      expect.objectContaining({ code: 'STRING_LIMIT' }),
    );
    expect(runChariot('join(array(1, "b", 2.5), ", ")', { limits }).value).toBe('1, b, 2.5');
  });
});

import { expect } from '@jest/globals';
import { runChariot } from '../index';

describe('range', () => {
  it('refuses a length past the array limit with ARRAY_LIMIT, however large', () => {
    for (const end of ['2000000', '1e10', '1e300']) {
      expect(() => runChariot(`range(0, ${end})`)).toThrow(
        expect.objectContaining({ code: 'ARRAY_LIMIT', functionName: 'range' }),
      );
    }
    expect(runChariot('range(0, 5, 2)').value).toEqual([0, 2, 4]);
  });
});

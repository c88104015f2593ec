import { expect } from '@jest/globals';
import { runChariot } from '../index';

describe('randomString', () => {
  it('refuses a length past the string limit before building anything', () => {
    const started = performance.now();
    expect(() => runChariot('randomString(100000000)')).toThrow(
      expect.objectContaining({
        code: 'STRING_LIMIT',
        functionName: 'randomString',
        message: 'string length limit exceeded (16777216 characters)',
      }),
    );
    // it used to build for seconds first; generous bound for a loaded machine
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('draws the given number of characters from the alphabet', () => {
    let i = 0;
    const host = { random: () => [0, 0.5, 0.99][i++ % 3] };
    expect(runChariot('randomString(4, "abc")', { host }).value).toBe('abca');
    expect(runChariot('length(randomString(2.5))').value).toBe(3);
    expect(runChariot('randomString(-1)').value).toBe('');
    expect(runChariot('randomString(20)').value).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('charges its work to the run', () => {
    expect(() => runChariot('randomString(100000)', { limits: { maxSteps: 1000 } })).toThrow(
      expect.objectContaining({ code: 'STEP_LIMIT' }),
    );
  });
});

import { expect } from '@jest/globals';
import { runChariot } from '../index';

describe('Runtime.charge', () => {
  it('keeps the step limit when a builtin is asked for NaN units of work', () => {
    // repeat(s, NaN) charged NaN steps: the counter became NaN and the step limit never fired again
    expect(() =>
      runChariot('repeat("x", toNumber("nan")) while (true) { 1 }', { limits: { maxSteps: 10_000 } }),
    ).toThrow(expect.objectContaining({ code: 'STEP_LIMIT' }));
  });
});

describe('function(params, body)', () => {
  it('charges compiling the body to the run', () => {
    expect(() => runChariot('function(array("x"), repeat(" ", 1000000))', { limits: { maxSteps: 10_000 } })).toThrow(
      expect.objectContaining({ code: 'STEP_LIMIT' }),
    );
    expect(runChariot('call(function(array("x"), "x + 1"), 2)').value).toBe(3);
  });
});

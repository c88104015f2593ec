import { expect } from '@jest/globals';
import { runChariot } from '../index';

describe('dateSchedule', () => {
  it('refuses a count past the array limit before making any date', () => {
    const started = performance.now();
    expect(() => runChariot('dateSchedule("2020-01-01", "day", 1e9)')).toThrow(
      expect.objectContaining({ code: 'ARRAY_LIMIT', functionName: 'dateSchedule' }),
    );
    // it used to make dates for seconds first; generous bound for a loaded machine
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('makes count dates a unit apart, each charged to the run', () => {
    expect(runChariot('dateSchedule("2020-01-31", "month", 3)').value).toEqual([
      '2020-01-31T00:00:00Z',
      '2020-03-02T00:00:00Z',
      '2020-03-31T00:00:00Z',
    ]);
    expect(() => runChariot('dateSchedule("2020-01-01", "day", 1000)', { limits: { maxSteps: 5000 } })).toThrow(
      expect.objectContaining({ code: 'STEP_LIMIT' }),
    );
  });
});

describe('business days', () => {
  it('charges each holiday parsed to the run', () => {
    const holidays = `array(${Array.from({ length: 1000 }, (_, i) => `"2024-01-${String((i % 28) + 1).padStart(2, '0')}"`).join(', ')})`;
    expect(runChariot(`isBusinessDay("2024-02-01", ${holidays})`).value).toBe(true);
    expect(() => runChariot(`isBusinessDay("2024-02-01", ${holidays})`, { limits: { maxSteps: 5000 } })).toThrow(
      expect.objectContaining({ code: 'STEP_LIMIT' }),
    );
  });
});

import { LogBudget } from './log-budget';

describe('LogBudget', () => {
  it('keeps entries under the cap, then one notice, then drops and counts', () => {
    const budget = new LogBudget(4, 1_000);
    const verdicts = Array.from({ length: 7 }, () => budget.admit('x'));
    expect(verdicts).toEqual(['keep', 'keep', 'keep', 'notice', 'drop', 'drop', 'drop']);
    expect(budget.dropped).toBe(4);
  });

  it('applies the byte cap as well', () => {
    const budget = new LogBudget(100, 10);
    expect(budget.admit('12345')).toBe('keep');
    expect(budget.admit('123456')).toBe('notice');
    expect(budget.admit('1')).toBe('drop');
  });
});

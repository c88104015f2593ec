import { LogBudget } from './log-budget';

describe('LogBudget', () => {
  it('keeps every entry up to the cap, then one notice in place of the first dropped, then counts', () => {
    const budget = new LogBudget(4, 1_000);
    const verdicts = Array.from({ length: 7 }, () => budget.admit('x'));
    expect(verdicts).toEqual(['keep', 'keep', 'keep', 'keep', 'notice', 'drop', 'drop']);
    expect(budget.dropped).toBe(3);
  });

  it('keeps a script that logs exactly the cap whole, with no notice', () => {
    const budget = new LogBudget(4, 1_000);
    expect(Array.from({ length: 4 }, () => budget.admit('x'))).toEqual(['keep', 'keep', 'keep', 'keep']);
    expect(budget.dropped).toBe(0);
  });

  it('applies the byte cap as well', () => {
    const budget = new LogBudget(100, 10);
    expect(budget.admit('12345')).toBe('keep');
    expect(budget.admit('12345')).toBe('keep');
    expect(budget.admit('1')).toBe('notice');
    expect(budget.admit('1')).toBe('drop');
  });

  it('counts bytes of UTF-8, not UTF-16 units', () => {
    const budget = new LogBudget(100, 10);
    expect(budget.admit('€€€')).toBe('keep'); // 3 units, 9 bytes
    expect(budget.admit('€')).toBe('notice');
    expect(budget.dropped).toBe(1);
  });
});

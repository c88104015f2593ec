import { scriptNames } from './script-names';

describe('scriptNames', () => {
  it('finds let, assignments, setq, declareGlobal and func parameters in the order they appear', () => {
    const script = [
      'let total = 0;',
      'setq(grade, func(score, bonus) { score + bonus })',
      'declareGlobal(limit, "N", 3)',
      'count = total + 1',
      'if (count == limit) { logPrint("x") }',
    ].join('\n');
    expect(scriptNames(script)).toEqual([
      { name: 'total', kind: 'variable' },
      { name: 'grade', kind: 'function' },
      { name: 'score', kind: 'variable' },
      { name: 'bonus', kind: 'variable' },
      { name: 'limit', kind: 'variable' },
      { name: 'count', kind: 'variable' },
    ]);
  });

  it('ignores names inside strings and comments, and comparisons', () => {
    const script = 'logPrint("let inString = 1") // let inComment = 2\n/* setq(inBlock, 1) */ a == b';
    expect(scriptNames(script)).toEqual([]);
  });

  it('copes with a script that does not parse yet', () => {
    expect(scriptNames('let half = "unclosed\nsetq(')).toEqual([{ name: 'half', kind: 'variable' }]);
  });
});

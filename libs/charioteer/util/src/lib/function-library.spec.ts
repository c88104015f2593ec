import type { FunctionInfo } from '@chariot/contract';
import { describeFunction, groupFunctions } from './function-library';

const fn = (name: string, category: string, minArgs: number, maxArgs: number | null, doc: string): FunctionInfo => ({
  name,
  category,
  minArgs,
  maxArgs,
  doc,
});

const catalog: FunctionInfo[] = [
  fn('upper', 'strings', 1, 1, 'Upper-case copy.'),
  fn('logPrint', 'system', 1, null, 'logPrint(message[, level]): writes a log entry.'),
  fn('concat', 'strings', 0, null, 'Joins its arguments as strings.'),
  fn('substring', 'strings', 2, 3, 'Part of a string, by position.'),
  fn('pad', 'strings', 0, 2, 'Pads a string to a width.'),
  fn('add', 'math', 2, 2, 'Sum of two numbers.'),
];

describe('describeFunction', () => {
  it('takes the signature a doc starts with and keeps the rest as the summary', () => {
    expect(describeFunction(catalog[1])).toEqual({
      name: 'logPrint',
      category: 'system',
      signature: 'logPrint(message[, level])',
      summary: 'writes a log entry.',
    });
  });

  it.each([
    ['upper', 'upper(a)'],
    ['concat', 'concat(…)'],
    ['substring', 'substring(a, b[, c])'],
    ['pad', 'pad([a[, b]])'],
    ['add', 'add(a, b)'],
  ])('makes a signature from the arity of %s', (name, signature) => {
    const entry = describeFunction(catalog.find((f) => f.name === name) as FunctionInfo);
    expect(entry.signature).toBe(signature);
    expect(entry.summary).toBe(catalog.find((f) => f.name === name)?.doc);
  });
});

describe('groupFunctions', () => {
  it('groups by category, both sorted', () => {
    const groups = groupFunctions(catalog);
    expect(groups.map((g) => g.category)).toEqual(['math', 'strings', 'system']);
    expect(groups[1].entries.map((e) => e.name)).toEqual(['concat', 'pad', 'substring', 'upper']);
  });

  it('keeps entries matching every word of the query in name, category or doc, name matches first', () => {
    expect(groupFunctions(catalog, 'STRING').flatMap((g) => g.entries.map((e) => e.name))).toEqual([
      'substring',
      'concat',
      'pad',
      'upper',
    ]);
    expect(groupFunctions(catalog, 'string width').flatMap((g) => g.entries.map((e) => e.name))).toEqual(['pad']);
    expect(groupFunctions(catalog, 'math sum')).toEqual([
      { category: 'math', entries: [expect.objectContaining({ name: 'add' })] },
    ]);
  });

  it('puts the exact name first, then names starting with the query, then names containing it', () => {
    const strings = [
      fn('toUpperCase', 'strings', 1, 1, 'Upper-case copy.'),
      fn('upperCase', 'strings', 1, 1, 'Upper-case copy.'),
      fn('upper', 'strings', 1, 1, 'Upper-case copy.'),
      fn('lower', 'strings', 1, 1, 'Lower-case copy, not upper.'),
    ];
    expect(groupFunctions(strings, 'upper')[0].entries.map((e) => e.name)).toEqual([
      'upper',
      'upperCase',
      'toUpperCase',
      'lower',
    ]);
  });

  it('answers nothing for a query nothing matches', () => {
    expect(groupFunctions(catalog, 'nope')).toEqual([]);
  });
});

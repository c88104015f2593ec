import fc from 'fast-check';
import { ChariotError, parseChariot, runChariot } from './index';

/**
 * Property tests: whatever the input, parsing and running end normally or with a ChariotError
 * (never a JS TypeError/RangeError or a hang), within the step limit.
 */
const LIMITS = { maxSteps: 20_000, maxCallDepth: 200, maxStringLength: 100_000, maxArrayLength: 10_000 };

function onlyChariotErrors(src: string): void {
  try {
    runChariot(src, { limits: LIMITS });
  } catch (e) {
    if (!(e instanceof ChariotError)) throw e;
  }
}

const atom = fc.oneof(
  fc.integer({ min: -100, max: 100 }).map(String),
  fc.constantFrom('1.5', '1e3', 'true', 'false', 'null', 'x', 'y', 'f', 'arr', '"s"', "'t'", '`r`', '[]', '[1, 2]'),
);
const builtinNames = [
  'add',
  'sub',
  'mul',
  'div',
  'concat',
  'length',
  'getAt',
  'slice',
  'reverse',
  'split',
  'join',
  'equal',
  'smaller',
  'and',
  'or',
  'not',
  'setq',
  'declare',
  'typeOf',
  'toString',
  'toNumber',
  'array',
  'addTo',
  'range',
  'jsonNode',
  'getProp',
  'setProp',
  'parseJSON',
  'call',
  'return',
  'break',
  'continue',
  'format',
  'substr',
  'treeWalk',
  'treeSearch',
  'mapValue',
  'logPrint',
];

const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc
      .tuple(fc.constantFrom(...builtinNames), fc.array(tie('e'), { maxLength: 3 }))
      .map(([n, a]) => `${n}(${a.join(', ')})`),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||'), tie('e'))
      .map(([a, o, b]) => `(${a} ${o} ${b})`),
    fc.tuple(tie('e'), tie('e')).map(([c, b]) => `if (${c}) { ${b} } else { ${b} }`),
    fc.tuple(tie('e'), tie('e')).map(([c, b]) => `while (${c}) { ${b} }`),
    fc.tuple(fc.constantFrom('x', 'y', 'arr'), tie('e')).map(([n, v]) => `setq(${n}, ${v})`),
    fc.tuple(fc.constantFrom('x', 'y'), tie('e')).map(([n, v]) => `let ${n} = ${v}`),
    tie('e').map((b) => `setq(f, func(x) { ${b} }) call(f, 1)`),
    tie('e').map((b) => `switch (${b}) { case (1) { 1 } default () { ${b} } }`),
  ),
})).e;

describe('fuzz: parser and evaluator', () => {
  it('only ever throw ChariotError on random generated programs', () => {
    fc.assert(
      fc.property(fc.array(expr, { minLength: 1, maxLength: 6 }), (stmts) => onlyChariotErrors(stmts.join('\n'))),
      { numRuns: 400 },
    );
  });

  it('only ever throw ChariotError on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (src) => onlyChariotErrors(src)),
      { numRuns: 500 },
    );
  });

  it('only ever throw ChariotError on mutated valid programs', () => {
    const seeds = [
      'setq(fib, func(n) { if (smaller(n, 2)) { n } else { add(call(fib, sub(n, 1)), call(fib, sub(n, 2))) } }) call(fib, 10)',
      'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x);',
      'setq(d, parseJSON(\'{"a": [1, {"b": 2}]}\')) getProp(d, \'a.1.b\')',
      "declare(i, 'N', 0) while (smaller(i, 5)) { setq(i, add(i, 1)) if (equal(i, 3)) { continue() } }",
    ];
    const mutated = fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 4 }),
      )
      .map(([seed, edits]) =>
        edits.reduce(
          (s, [at, del, ins]) => s.slice(0, at % (s.length + 1)) + ins + s.slice((at % (s.length + 1)) + del),
          seed,
        ),
      );
    fc.assert(
      fc.property(mutated, (src) => onlyChariotErrors(src)),
      { numRuns: 500 },
    );
  });

  it('parses deeply nested input without a JS stack overflow', () => {
    expect(() => parseChariot('('.repeat(100_000) + '1' + ')'.repeat(100_000))).toThrow(ChariotError);
    expect(() => parseChariot('add('.repeat(50_000))).toThrow(ChariotError);
    expect(() => parseChariot('-'.repeat(100_000) + '1')).toThrow(ChariotError);
  });
});

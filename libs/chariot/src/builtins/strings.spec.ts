import { expect } from '@jest/globals';
import fc from 'fast-check';
import { runChariot } from '../index';
import { replaceDirectives } from './strings';

/** The expression replaceDirectives replaces: right, but quadratic on a `%` followed by many zeros. */
const DIRECTIVE = /%([-+# 0]*)(\d+|\*)?(?:\.(\d*|\*))?([a-zA-Z%])/g;

const LIMITS = { maxStringLength: 1000 };

/** Runs src under LIMITS and expects it to fail with these error fields. */
function expectFailure(src: string, fields: Record<string, unknown>): void {
  expect(() => runChariot(src, { limits: LIMITS })).toThrow(expect.objectContaining(fields));
}

describe('format directives', () => {
  it('finds the directives the regular expression finds, with the same parts', () => {
    const show = (flags: string, width: string | undefined, precision: string | undefined, verb: string) =>
      `<${flags}|${width}|${precision}|${verb}>`;
    const format = fc.string({
      unit: fc.constantFrom('%', '-', '+', '#', ' ', '0', '1', '9', '*', '.', 'd', 'x', 'Z', '!', 'é'),
      maxLength: 16,
    });
    fc.assert(
      fc.property(format, (f) => {
        expect(replaceDirectives(f, show, () => undefined)).toBe(
          f.replace(DIRECTIVE, (_m, flags: string, w?: string, p?: string, verb?: string) =>
            show(flags, w, p, verb ?? ''),
          ),
        );
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves a % followed by 50,000 zeros and no verb as text, at once', () => {
    const started = performance.now();
    expect(runChariot('length(format(concat("%", repeat("0", 50000), "!"), 1))').value).toBe(
      50_000 + 2 + '%!(EXTRA chariot.Number=1)'.length,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('formats as before', () => {
    expect(
      runChariot('format("%5.2f|%-6s|%05d|%x|%%|%q|%c|%!|%*d|%.*f", 3.14159, "ab", 42, 255, "q", 65, 4, 7, 1, 2.25)')
        .value,
    ).toBe(' 3.14|ab    |00042|ff|%|"q"|A|%!|   7|2.3');
    expect(runChariot('format("%d %d", 1)').value).toBe('1 %!d(MISSING)');
  });

  it('refuses a width past the string limit before padding it out', () => {
    expectFailure('format("%100000000d", 1)', { code: 'STRING_LIMIT', functionName: 'format' });
    expectFailure('sprintf("%*d", 1e15, 1)', { code: 'STRING_LIMIT', functionName: 'sprintf' });
    expectFailure(`format("${'%900d'.repeat(3)}", 1, 2, 3)`, { code: 'STRING_LIMIT' });
  });
});

describe('string builders check the size before building', () => {
  it('repeat, padLeft and padRight fail with STRING_LIMIT', () => {
    expectFailure('repeat("ab", 501)', { code: 'STRING_LIMIT', functionName: 'repeat' });
    expect(runChariot('length(repeat("ab", 500))', { limits: LIMITS }).value).toBe(1000);
    expectFailure('padLeft("x", 1e15, "ab")', { code: 'STRING_LIMIT', functionName: 'padLeft' });
    expectFailure('padRight("x", 1001, " ")', { code: 'STRING_LIMIT', functionName: 'padRight' });
  });

  it('pads as before', () => {
    expect(
      runChariot(
        'concat(padLeft("7", 5, "0"), padRight("ab", 7, "xyz"), padLeft("long", 2, "-"), padLeft("é", 3, "😀"))',
      ).value,
    ).toBe('00007abxyzxylong😀😀é');
  });

  it('replace with a count is linear, and the result is checked before it is built', () => {
    const started = performance.now();
    expect(runChariot('length(replace(repeat("a", 200000), "a", "bb", 200000))').value).toBe(400_000);
    expect(performance.now() - started).toBeLessThan(2000);
    expectFailure('replace(repeat("a", 100), "a", repeat("b", 20), 60)', {
      code: 'STRING_LIMIT',
      functionName: 'replace',
    });
    expectFailure('replace("abc", "", "-", 1e12)', { code: 'STRING_LIMIT', functionName: 'replace' });
    expect(runChariot('length(replace("abc", "", "", 1e12))').value).toBe(3);
  });

  it('replaces as before', () => {
    const cases: [string, string][] = [
      ['replace("aXbXc", "X", "--", 1)', 'a--bXc'],
      ['replace("aXbXc", "X", "--")', 'a--b--c'],
      ['replace("aXbXc", "X", "--", 0)', 'aXbXc'],
      ['replace("abc", "", "-", 3)', '---abc'],
      ['replace("abc", "", "-")', 'abc'],
      ['replace("aaaa", "aa", "b", 5)', 'bb'],
      ['replace("aaa", "a", "aa", 2)', 'aaaaa'],
    ];
    for (const [src, want] of cases) expect(runChariot(src).value).toBe(want);
  });
});

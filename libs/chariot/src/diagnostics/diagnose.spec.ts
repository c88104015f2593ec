import { BUILTIN_CATALOG } from '../builtins';
import { diagnose } from './diagnose';

const BUILTINS = new Set(BUILTIN_CATALOG.map((b) => b.name));

describe('diagnose', () => {
  it('finds nothing in a correct script that calls builtins and its own functions', () => {
    const src = [
      'let square = func(x) { x * x }',
      'setq(twice, func(f, x) { f(f(x)) })',
      'registerFunction("cube", func(x) { x * x * x })',
      'declare(n, "N", 2)',
      'logPrint(twice(square, n) + cube(3))',
    ].join('\n');
    expect(diagnose(src, BUILTINS)).toEqual([]);
  });

  it('reports the syntax error where the parser places it', () => {
    expect(diagnose('logPrint("a")\nlogPrint("b" + 1\nlet c = 2', BUILTINS)).toEqual([
      {
        severity: 'error',
        line: 2,
        column: 9,
        length: 1,
        message: "'(' opened at 2:9 is never closed ('let' at 3:1 cannot continue it)",
      },
    ]);
  });

  it('warns about each call of a name nothing defines, at the name', () => {
    expect(diagnose('logPrint(1)\nif (true) {\n  lgPrint(2)\n}\nfoo()', BUILTINS)).toEqual([
      { severity: 'warning', line: 3, column: 3, length: 7, message: "undefined function 'lgPrint'" },
      { severity: 'warning', line: 5, column: 1, length: 3, message: "undefined function 'foo'" },
    ]);
  });

  it('gives no name warnings when loadFunctions may define anything', () => {
    expect(diagnose('loadFunctions("lib")\nhelper(1)', new Set(['loadFunctions']))).toEqual([]);
  });

  it('knows the special forms and flow builtins from the catalogue', () => {
    expect(
      diagnose(
        'let i = 0\nwhile (true) { i = i + 1; if (i > 2) { break() } else { continue() } }\niif(and(true, or(false, true)), 1, 2)',
        BUILTINS,
      ),
    ).toEqual([]);
  });
});

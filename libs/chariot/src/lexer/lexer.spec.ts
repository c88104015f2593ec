import { ChariotSyntaxError } from '../errors';
import { tokenize } from './lexer';
import { T } from './token';

const kinds = (src: string) =>
  tokenize(src).map((t) =>
    t.type === T.Op
      ? t.text
      : t.type === T.Number
        ? `n${t.num}`
        : t.type === T.String
          ? `s:${t.text}`
          : t.type === T.EOF
            ? 'EOF'
            : t.text,
  );

describe('lexer', () => {
  it('reads numbers with signs glued to digits, dots and exponents', () => {
    expect(kinds('1 -2 3.5 1e5 2.5E-3')).toEqual(['n1', 'n-2', 'n3.5', 'n100000', 'n0.0025', 'EOF']);
  });

  it('reads `x-1` as subtraction and `x -1` as a name then a negative number', () => {
    expect(kinds('x-1')).toEqual(['x', '-', 'n1', 'EOF']);
    expect(kinds('x -1')).toEqual(['x', 'n-1', 'EOF']);
    expect(kinds('f(a)-1')).toEqual(['f', '(', 'a', ')', '-', 'n1', 'EOF']);
  });

  it('decodes \\xHH and \\uHHHH (our addition) and keeps a short one as written', () => {
    expect(kinds(`"\\x1b[31mred\\x1B[0m" '\\u00e9\\u2713' "\\xZ1 \\u12" \`\\x41\``)).toEqual([
      's:\x1b[31mred\x1b[0m',
      's:é✓',
      's:\\xZ1 \\u12',
      's:\\x41',
      'EOF',
    ]);
  });

  it('decodes the escapes of both quote kinds and keeps backticks raw', () => {
    expect(kinds(`"a\\"b\\n" 'c\\'d\\q' \`e\\nf\``)).toEqual(['s:a"b\n', "s:c'd\\q", 's:e\\nf', 'EOF']);
  });

  it('skips line and block comments', () => {
    expect(kinds('a // c\n/* multi\nline */ b')).toEqual(['a', 'b', 'EOF']);
  });

  it('tracks 1-based lines and columns', () => {
    const toks = tokenize('a\n  bc(');
    expect(toks.map((t) => [t.line, t.col])).toEqual([
      [1, 1],
      [2, 3],
      [2, 5],
      [2, 6],
    ]);
  });

  it('rejects unknown characters and unterminated strings with their position', () => {
    expect(() => tokenize('a\n  $')).toThrow(expect.objectContaining({ line: 2, column: 3 }) as ChariotSyntaxError);
    expect(() => tokenize('x = "abc')).toThrow(ChariotSyntaxError);
    expect(() => tokenize('/* open')).toThrow(ChariotSyntaxError);
  });
});

import { expect } from '@jest/globals';
import { ChariotSyntaxError } from '../errors';
import { parse } from './parser';

describe('parser', () => {
  it('parses calls with optional commas and a trailing block as the last argument', () => {
    const p = parse('f(1 2) { 3 }');
    expect(p.body).toHaveLength(1);
    const call = p.body[0];
    expect(call.kind).toBe('call');
    if (call.kind === 'call') expect(call.args.map((a) => a.kind)).toEqual(['number', 'number', 'block']);
  });

  it('gives infix operators the usual precedence', () => {
    const p = parse('1 + 2 * 3 == 7 && !false');
    const e = p.body[0];
    expect(e.kind).toBe('logical');
    if (e.kind === 'logical') {
      expect(e.left.kind).toBe('binary');
      expect(e.right.kind).toBe('unary');
    }
  });

  it('reads let and assignment only when followed by a single =', () => {
    expect(parse('let x = 1').body[0]).toMatchObject({ kind: 'assign', name: 'x', declare: true });
    expect(parse('x = 1').body[0]).toMatchObject({ kind: 'assign', name: 'x', declare: false });
    expect(parse('x == 1').body[0]).toMatchObject({ kind: 'binary', op: '==' });
  });

  it('parses if / else if / else chains, while, switch and func', () => {
    const p = parse(
      'if (a) { 1 } else if (b) { 2 } else { 3 } while (c) { d } switch () { case (e) { 4 } default () { 5 } } func(x, y) { x }',
    );
    expect(p.body.map((e) => e.kind)).toEqual(['if', 'while', 'switch', 'func']);
  });

  it('treats ; as an optional separator', () => {
    expect(parse('a; b;; c').body).toHaveLength(3);
  });

  it('reports syntax errors with line and column', () => {
    expect(() => parse('f(1 2 ~)')).toThrow(expect.objectContaining({ line: 1, column: 7 }));
    expect(() => parse('switch (x) { foo() }')).toThrow(/only 'case' and 'default'/);
    expect(() => parse('[1 2]')).toThrow(/expected ',' or '\]'/);
    expect(() => parse('if x { 1 }')).toThrow(/expected '\(' after 'if'/);
  });

  describe('places a mistake where a reader fixes it', () => {
    const failure = (src: string) => {
      try {
        parse(src);
      } catch (e) {
        const { line, column, message } = e as ChariotSyntaxError;
        return { line, column, message };
      }
      throw new Error('parsed');
    };

    it('a call whose ) is missing: at its (, even when the next lines read as arguments', () => {
      expect(failure('let a = 1\nlet b = 2\nlogPrint("x" + a\nlet c = 3\nlogPrint(c)\n')).toEqual({
        line: 3,
        column: 9,
        message: "'(' opened at 3:9 is never closed ('let' at 4:1 cannot continue it)",
      });
      expect(failure('while (c) {\n  logPrint(x\n  i = i + 1\n}')).toMatchObject({ line: 2, column: 11 });
      expect(failure('f(1,\n  ]')).toMatchObject({
        line: 1,
        column: 2,
        message: expect.stringMatching(/^'\(' opened at 1:2 is never closed/),
      });
    });

    it('a block, an array or a group left open: at its opening bracket', () => {
      expect(failure('if (a) {\n  x\n\nlogPrint(1)')).toEqual({
        line: 1,
        column: 8,
        message: "'{' opened at 1:8 is never closed",
      });
      expect(failure('[1, 2\nlogPrint(3)')).toMatchObject({
        line: 1,
        column: 1,
        message: expect.stringMatching(/^'\[' opened at 1:1/),
      });
      expect(failure('let x = (1 + 2\nlogPrint(x)')).toMatchObject({ line: 1, column: 9 });
      expect(failure('switch (x) { case (1) { 2 }')).toMatchObject({ line: 1, column: 12 });
    });

    it("a '}' forgotten inside a nested block: at that block, found by the '}' indented like an outer one", () => {
      expect(failure('while (c) {\n  if (d) {\n    e()\n  f()\n}\ng()')).toEqual({
        line: 2,
        column: 10,
        message:
          "'{' opened at 2:10 is never closed (the '}' at 5:1 is indented like an outer block, so it closes the block of line 1)",
      });
      // a badly indented block that is closed, before the open one, is not blamed
      expect(failure('if (a) {\n    x\n  }\nfoo()\nif (b) {\n y')).toEqual({
        line: 5,
        column: 8,
        message: "'{' opened at 5:8 is never closed",
      });
      // well indented nesting, outer block left open: the outer block
      expect(failure('while (c) {\n  if (d) {\n    e()\n  }\n  f()\n')).toMatchObject({ line: 1, column: 11 });
    });

    it('on one line, the first token that cannot continue, naming the bracket it should close', () => {
      expect(failure('while (i < 3 { i = i + 1 }')).toEqual({
        line: 1,
        column: 14,
        message: "expected ')' to close the '(' of the while condition at 1:7, got '{'",
      });
      expect(failure('if (a) { f(1) ] }')).toMatchObject({ line: 1, column: 15, message: "unexpected ']'" });
    });

    it('an unterminated string: at its opening quote', () => {
      expect(failure('x = 1\nlogPrint("open')).toEqual({
        line: 2,
        column: 10,
        message: `'"' opened at 2:10 is never closed`,
      });
      expect(failure('x = `raw')).toMatchObject({ line: 1, column: 5 });
    });

    it('a quote forgotten on one line: at that string, not at the shifted one that reaches the end', () => {
      expect(failure('let a = 1\nlogPrint("hello)\nlogPrint("x")\nlet y = 2')).toMatchObject({
        line: 2,
        column: 10,
        message: expect.stringMatching(
          /^'"' opened at 2:10 is never closed on its line .*3:12 reaches the end of input/,
        ),
      });
      // a string that spans lines on purpose is not blamed for a later one
      expect(failure('let s = "multi\nline"\nlet t = 1\nlogPrint("open')).toMatchObject({ line: 4, column: 10 });
    });
  });
});

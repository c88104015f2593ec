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
    const p = parse('if (a) { 1 } else if (b) { 2 } else { 3 } while (c) { d } switch () { case (e) { 4 } default () { 5 } } func(x, y) { x }');
    expect(p.body.map((e) => e.kind)).toEqual(['if', 'while', 'switch', 'func']);
  });

  it('treats ; as an optional separator', () => {
    expect(parse('a; b;; c').body).toHaveLength(3);
  });

  it('reports syntax errors with line and column', () => {
    expect(() => parse('f(1,\n  ]')).toThrow(expect.objectContaining({ line: 2, column: 3 }) as ChariotSyntaxError);
    expect(() => parse('switch (x) { foo() }')).toThrow(/only 'case' and 'default'/);
    expect(() => parse('[1 2]')).toThrow(/expected ',' or '\]'/);
    expect(() => parse('if x { 1 }')).toThrow(/expected '\(' after 'if'/);
  });
});

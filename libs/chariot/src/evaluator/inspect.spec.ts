import { ChariotError, runChariot } from '../index';
import type { RunOptions, VariableSnapshot } from '../index';

function failureOf(src: string, options: RunOptions = {}): ChariotError {
  try {
    runChariot(src, options);
  } catch (e) {
    if (e instanceof ChariotError) return e;
    throw e;
  }
  throw new Error('the program did not fail');
}

const named = (variables: VariableSnapshot[], name: string) => variables.find((v) => v.name === name);

describe('snapshotVariables (RunResult.variables)', () => {
  it('lists declareGlobal variables first, then the program scope, each by name', () => {
    const { variables } = runChariot(
      "setq(total, 0); declareGlobal(limit, 'N', 3); setq(i, 0); while(smaller(i, limit)) { setq(total, add(total, i)); setq(i, add(i, 1)) }; setq(f, func(x) { setq(inner, 1); x }); call(f, 1); total",
    );
    expect(variables).toEqual([
      { name: 'limit', type: 'N', value: '3', truncated: false, scope: 'global' },
      { name: 'f', type: 'F', value: 'func(x)', truncated: false, scope: 'program' },
      { name: 'i', type: 'N', value: '3', truncated: false, scope: 'program' },
      { name: 'total', type: 'N', value: '3', truncated: false, scope: 'program' },
    ]);
  });

  it('leaves out the predefined constants, unless the program redefined one', () => {
    expect(runChariot('1').variables).toEqual([]);
    const { variables } = runChariot("declareGlobal(Null, 'S', 'mine') 1");
    expect(variables).toEqual([{ name: 'Null', type: 'S', value: 'mine', truncated: false, scope: 'global' }]);
  });

  it('gives each value its typeOf code and its string() text', () => {
    const { variables } = runChariot(
      "setq(n, 1.5) setq(s, 'hi') setq(b, true) setq(a, [1, 'x']) setq(m, mapValue('k', 2)) setq(j, parseJSON('{\"b\":1,\"a\":2}')) setq(x, parseXMLString('<r>t</r>')) setq(d, DBNull) 1",
    );
    const summary = Object.fromEntries(variables.map((v) => [v.name, `${v.type} ${v.value}`]));
    expect(summary).toEqual({
      n: 'N 1.5',
      s: 'S hi',
      b: 'L true',
      a: 'A [1, x]',
      m: 'M map[k:2]',
      j: 'J {"a":2,"b":1}',
      x: 'X "t"',
      d: 'V DBNull',
    });
  });

  it('does not show variables local to a function or a block', () => {
    const { variables } = runChariot('setq(f, func() { setq(local, 1) }) call(f) if (true) { setq(inBlock, 2) } 0');
    expect(variables.map((v) => v.name)).toEqual(['f']);
  });

  it('cuts long values at the preview length and marks them truncated', () => {
    const { variables } = runChariot("setq(long, repeat('ab', 600)) setq(short, repeat('ab', 500)) 1");
    expect(named(variables, 'long')).toMatchObject({ value: 'ab'.repeat(500), truncated: true });
    expect(named(variables, 'short')).toMatchObject({ value: 'ab'.repeat(500), truncated: false });
    const small = runChariot("setq(s, 'abcdef') 1", { snapshot: { previewChars: 4 } }).variables;
    expect(small).toEqual([{ name: 's', type: 'S', value: 'abcd', truncated: true, scope: 'program' }]);
  });

  it('keeps at most maxVariables, globals first', () => {
    const src =
      "declareGlobal(zz, 'N', 1) " +
      Array.from({ length: 20 }, (_, i) => `setq(v${String(i).padStart(2, '0')}, ${i})`).join(' ') +
      ' 1';
    const { variables } = runChariot(src, { snapshot: { maxVariables: 3 } });
    expect(variables.map((v) => `${v.scope}:${v.name}`)).toEqual(['global:zz', 'program:v00', 'program:v01']);
    expect(runChariot(src).variables).toHaveLength(21);
  });

  it('attaches the variables defined so far to a runtime error, outside its JSON', () => {
    const error = failureOf("setq(a, 'x'); declareGlobal(g, 'N', 7); div(1, 0); setq(never, 1)");
    expect(error.code).toBe('RUNTIME_ERROR');
    expect(error.variables).toEqual([
      { name: 'g', type: 'N', value: '7', truncated: false, scope: 'global' },
      { name: 'a', type: 'S', value: 'x', truncated: false, scope: 'program' },
    ]);
    expect(error.toJSON()).not.toHaveProperty('variables');
    expect(failureOf('setq(b, 2) nope').variables?.map((v) => v.name)).toEqual(['b']);
    const limited = failureOf('setq(c, 3) while (true) { }', { limits: { maxSteps: 1000 } });
    expect(limited.code).toBe('STEP_LIMIT');
    expect(limited.variables?.map((v) => v.name)).toEqual(['c']);
  });

  it('gives a syntax error an empty snapshot: nothing ran', () => {
    expect(failureOf('setq(x, ').variables).toEqual([]);
  });

  it('snapshots a huge array quickly', () => {
    const started = performance.now();
    const { variables } = runChariot('setq(big, range(0, 999999)) length(big)', {
      limits: { maxArrayLength: 2_000_000 },
    });
    const big = named(variables, 'big');
    expect(big).toMatchObject({ type: 'A', truncated: true });
    expect(big?.value).toHaveLength(1000);
    expect(big?.value.startsWith('[0, 1, 2, 3, ')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

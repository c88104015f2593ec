import { ChariotError, ChariotRuntimeError, ChariotSyntaxError, runChariot } from '../index';
import type { LogLevel } from '../index';

function logsOf(src: string): { value: unknown; logs: string[] } {
  const logs: string[] = [];
  const r = runChariot(src, { host: { log: (l: LogLevel, m: string) => logs.push(`${l} ${m}`) } });
  return { value: r.value, logs };
}

describe('runChariot (seed examples)', () => {
  it('logs the three INFO lines of the seed script', () => {
    const r = logsOf(
      'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");',
    );
    expect(r.logs).toEqual(['INFO Starting test', 'INFO Result is: 3', 'INFO Test complete']);
  });

  it('gives the value of the last expression', () => {
    expect(runChariot('logPrint("Test"); 1+2').value).toBe(3);
  });

  it('reports syntax errors with line and column before running anything', () => {
    const logs: string[] = [];
    let caught: unknown;
    try {
      runChariot('logPrint("a")\nsetq(x, 1) #', { host: { log: (_l, m) => logs.push(m) } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ChariotSyntaxError);
    expect((caught as ChariotError).toJSON()).toMatchObject({ code: 'SYNTAX_ERROR', line: 2, column: 12 });
    expect(logs).toEqual([]);
  });

  it('reports runtime errors with line, column and function name', () => {
    let caught: unknown;
    try {
      runChariot('setq(x, 1)\n  add(x, "a")');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ChariotRuntimeError);
    expect((caught as ChariotError).toJSON()).toMatchObject({
      code: 'RUNTIME_ERROR',
      line: 2,
      column: 3,
      function: 'add',
    });
  });

  it('ends runaway recursion with CALL_DEPTH even when the JS stack runs out first', () => {
    const src =
      'setq(down, func(n) { if (equal(n, 0)) { 0 } else { add(1, call(down, sub(n, 1))) } })\ncall(down, 100000)';
    for (const limits of [{}, { maxCallDepth: 10_000_000 }]) {
      let caught: unknown;
      try {
        runChariot(src, { limits });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ChariotError);
      expect((caught as ChariotError).code).toBe('CALL_DEPTH');
      expect((caught as ChariotError).message).toContain('call depth exceeded');
    }
  });

  it('converts cyclic values to JSON without hanging', () => {
    expect(runChariot('setq(a, [1]) addTo(a, a) a').value).toEqual([1, '[circular]']);
  });

  it('passes progress and sleep to the host', () => {
    const calls: string[] = [];
    runChariot('progress(50, "half") sleep(5) progress(100)', {
      host: { progress: (p, m) => calls.push(`progress ${p} ${m}`), sleep: (ms) => calls.push(`sleep ${ms}`) },
    });
    expect(calls).toEqual(['progress 50 half', 'sleep 5', 'progress 100 ']);
  });

  it('accepts log levels case-insensitively and defaults to INFO', () => {
    const r = logsOf('logPrint("a", "WARNING") logPrint("b", "Debug") logPrint("c", "error") logPrint(42)');
    expect(r.logs).toEqual(['WARN a', 'DEBUG b', 'ERROR c', 'INFO 42']);
  });

  it('stops a run that exceeds its wall-time budget with TIME_LIMIT', () => {
    let clock = 0;
    const host = { now: () => (clock += 1), sleep: (ms: number) => void (clock += ms) };
    const codeOf = (src: string) => {
      try {
        runChariot(src, { host, limits: { maxWallTimeMs: 500 } });
        return 'none';
      } catch (e) {
        return (e as ChariotError).code;
      }
    };
    expect(codeOf('while (true) { }')).toBe('TIME_LIMIT');
    expect(codeOf('sleep(1000) 1')).toBe('TIME_LIMIT');
    expect(codeOf('setq(i, 0) while (i < 100) { i = i + 1 } i')).toBe('none');
  });
});

describe('parameters resolved to their slot at compile time', () => {
  it('a parameter is read, assigned and padded as through the scope chain', () => {
    expect(
      runChariot('let f = func(n, m) { setq(n, add(n, 1)); [n - 1, iif(m == null, 0, m)] }; [f(5), f(5, 1)]').value,
    ).toEqual([
      [5, 0],
      [5, 1],
    ]);
    expect(runChariot('setq(g, function(["a"], "sub(a, 1)")) call(g, 10)').value).toBe(9);
  });

  it('a variable of a branch scope shadows the parameter inside that branch only', () => {
    expect(
      runChariot('let f = func(n) { if (n > 0) { let n = 7; n + 1 } else { n - 1 } }; [f(1), f(0)]').value,
    ).toEqual([8, -1]);
    expect(runChariot('let f = func(n) { let g = func(k) { n + k }; g(1) }; f(41)').value).toBe(42);
  });

  it('operands evaluated in place (an if test, a branch, a call argument) keep their meaning and error positions', () => {
    const fib = 'let fib = func(n) { if (n < 2) { n } else { fib(n - 1) + fib(n - 2) } }; ';
    expect(runChariot(fib + 'fib(15)').value).toBe(610);
    expect(
      runChariot('setq(f, func(s) { if (smaller(s, "m")) { "low" } else { s } }) [call(f, "a"), call(f, "z")]').value,
    ).toEqual(['low', 'z']);
    expect(runChariot('let f = func(x) { if (x) { 1 } else { 2 } }; [f(true), f(0), f(null)]').value).toEqual([
      1, 2, 2,
    ]);
    const failure = (src: string) => {
      try {
        runChariot(src);
      } catch (e) {
        return (e as ChariotError).toJSON();
      }
      return undefined;
    };
    expect(failure(fib + '\n  fib("x")')).toMatchObject({
      message: 'operator < cannot be applied to chariot.Str and chariot.Number',
      line: 1,
      column: 27,
    });
    expect(failure('setq(f, func(n) { n })\ncall(f, sub(true, 1))')).toMatchObject({
      message: 'sub requires two numbers',
      line: 2,
      column: 9,
    });
    expect(failure('let f = func(n) {\n if (smaller(n, 2)) { 1 } else { 2 } }; f("a")')).toMatchObject({
      line: 2,
      column: 6,
      function: 'smaller',
    });
  });

  it('other names are found past the call scope, with or without variables of its own', () => {
    expect(
      runChariot('setq(k, 10) let f = func(n) { k + n }; let g = func(n) { setq(m, 1); k + m + n }; [f(1), g(1), k]')
        .value,
    ).toEqual([11, 12, 10]);
    expect(() => runChariot('let f = func(n) { nope }; f(1)')).toThrow(/variable 'nope' not defined/);
  });

  it('a non-number in an operator with a literal still fails at its site', () => {
    expect(() => runChariot('let f = func(n) {\n  n - 1 }; f("a")')).toThrow(
      /operator - cannot be applied to chariot.Str and chariot.Number/,
    );
    expect(runChariot('let f = func(s) { s + 1 }; f("a")').value).toBe('a1');
  });
});

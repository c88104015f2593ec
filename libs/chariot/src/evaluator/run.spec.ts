import { ChariotError, ChariotRuntimeError, ChariotSyntaxError, runChariot } from '../index';
import type { LogLevel } from '../index';

function logsOf(src: string): { value: unknown; logs: string[] } {
  const logs: string[] = [];
  const r = runChariot(src, { host: { log: (l: LogLevel, m: string) => logs.push(`${l} ${m}`) } });
  return { value: r.value, logs };
}

describe('runChariot (seed examples)', () => {
  it('logs the three INFO lines of the seed script', () => {
    const r = logsOf('logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");');
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
    expect((caught as ChariotError).toJSON()).toMatchObject({ code: 'RUNTIME_ERROR', line: 2, column: 3, function: 'add' });
  });
});

import { expect } from '@jest/globals';
import { runChariot } from '../index';
import type { ChariotHost, LogLevel } from '../index';

/** A host that keeps its allow-listed variables in a plain object and looks names up with env[name]. */
function plainObjectHost(env: Record<string, string>, logs: string[] = []): Partial<ChariotHost> {
  return { getEnv: (name) => env[name], log: (level: LogLevel, message: string) => logs.push(`${level} ${message}`) };
}

describe('environment builtins', () => {
  const host = plainObjectHost({ GREETING: 'hi' });

  it('reads allowed variables', () => {
    expect(runChariot('getEnv("GREETING")', { host }).value).toBe('hi');
    expect(runChariot('hasEnv("GREETING")', { host }).value).toBe(true);
  });

  it('never hands a script what the host object inherits (constructor, toString, __proto__)', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(runChariot(`getEnv("${name}")`, { host }).value).toBe('');
      expect(runChariot(`typeOf(getEnv("${name}"))`, { host }).value).toBe('S');
      expect(runChariot(`hasEnv("${name}")`, { host }).value).toBe(false);
    }
  });
});

describe('logPrint levels', () => {
  it('takes a level by its own name only: an inherited member name is no level', () => {
    const logs: string[] = [];
    runChariot('logPrint("c", "Warning")', { host: plainObjectHost({}, logs) });
    expect(logs).toEqual(['WARN c']);
    for (const name of ['constructor', 'toString']) {
      expect(() => runChariot(`logPrint("a", "${name}")`, { host: plainObjectHost({}, logs) })).toThrow(
        `unknown level '${name}'`,
      );
    }
  });

  it('refuses an unknown level with an error that lists the levels, at the call, logging nothing', () => {
    const logs: string[] = [];
    const failure = (src: string) => {
      try {
        runChariot(src, { host: plainObjectHost({}, logs) });
      } catch (e) {
        return e as { message: string; line: number; column: number; functionName?: string };
      }
      throw new Error('ran');
    };
    expect(failure('logPrint("ok")\nlogPrint("boom", "fatal")')).toMatchObject({
      message: expect.stringMatching(
        /^logPrint: unknown level 'fatal'; the level is one of debug, info, warn \(or warning\), error/,
      ),
      line: 2,
      column: 1,
      functionName: 'logPrint',
    });
    expect(failure('let n = 3\nlogPrint("n", n)').message).toMatch(/^logPrint: unknown level \(a number\);/);
    expect(logs).toEqual(['INFO ok']);
  });
});

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
  it('takes a level by its own name only: an inherited member name is the default INFO', () => {
    const logs: string[] = [];
    runChariot('logPrint("a", "constructor"); logPrint("b", "toString"); logPrint("c", "Warning")', { host: plainObjectHost({}, logs) });
    expect(logs).toEqual(['INFO a', 'INFO b', 'WARN c']);
  });
});

import { expect } from '@jest/globals';
import { runChariot } from '../index';
import type { LogLevel } from '../index';

describe('logGroup and logGroupEnd', () => {
  it('write the ::group::name and ::endgroup:: markers on the log path, nested, in order', () => {
    const logs: string[] = [];
    const host = { log: (level: LogLevel, message: string) => logs.push(`${level} ${message}`) };
    runChariot(
      'logGroup("build"); logPrint("a"); logGroup("step\\n2"); logPrint("b", "warn"); logGroupEnd(); logGroupEnd()',
      { host },
    );
    expect(logs).toEqual([
      'INFO ::group::build',
      'INFO a',
      'INFO ::group::step 2',
      'WARN b',
      'INFO ::endgroup::',
      'INFO ::endgroup::',
    ]);
  });

  it('take a name, and nothing to close', () => {
    expect(() => runChariot('logGroup()')).toThrow();
    expect(() => runChariot('logGroupEnd("x")')).toThrow();
  });
});

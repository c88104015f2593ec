import { LogLevel } from '../evaluator/host';
import { toDisplay } from '../values/format';
import { TextBudget } from '../values/text-budget';
import { Runtime } from '../evaluator/runtime';
import { TreeNode, Value } from '../values/values';
import { table } from './types';
import { err, num, str } from './util';

// a Map, not an object literal: logPrint(m, 'constructor') must not find Object.prototype's
const LEVELS: ReadonlyMap<string, LogLevel> = new Map([
  ['debug', 'DEBUG'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['warning', 'WARN'],
  ['error', 'ERROR'],
]);

/**
 * The level a script asked for. The reference logs any other level as INFO without a word, so
 * `logPrint(x, "fatal")` or `logPrint("count", n)` lost the level or the value unseen: here
 * anything but a known level name is an error that says what is accepted.
 */
function logLevel(v: Value): LogLevel {
  const level = typeof v === 'string' ? LEVELS.get(v.toLowerCase()) : undefined;
  if (level) return level;
  const got =
    typeof v === 'string'
      ? `'${v.length > 40 ? v.slice(0, 40) + '…' : v}'`
      : typeof v === 'number' || typeof v === 'boolean'
        ? `(a ${typeof v})`
        : '(not a string)';
  return err(
    `logPrint: unknown level ${got}; the level is one of debug, info, warn (or warning), error (to log several values, join them: logPrint("n = " + n))`,
  );
}

/**
 * Log group markers, the GitHub Actions convention (`::group::name` … `::endgroup::`): a script
 * may log them itself or call logGroup/logGroupEnd; log viewers fold what is between.
 */
export const GROUP_START = '::group::';
export const GROUP_END = '::endgroup::';

/**
 * The host's value of an environment variable, only when it is a string: a host that looks the
 * name up on a plain object answers getEnv('constructor') with the Object function and
 * hasEnv('toString') with true. Environment values are strings; anything else is "unset".
 */
function envValue(rt: Runtime, name: string): string | undefined {
  const v: unknown = rt.host.getEnv(name);
  return typeof v === 'string' ? v : undefined;
}

/** The fields after the level, as `k=v` (a node's attributes) or `argN=v`; one budget for all their text. */
function extras(args: Value[], budget: TextBudget): string {
  const parts: string[] = [];
  for (let i = 2; i < args.length; i++) {
    const v = args[i];
    if (v instanceof TreeNode) {
      for (const [k, x] of v.attrs) parts.push(`${k}=${toDisplay(x, budget)}`);
    } else {
      parts.push(`arg${i}=${toDisplay(v, budget)}`);
    }
  }
  return parts.length ? ' ' + parts.join(' ') : '';
}

export const SYSTEM_BUILTINS = table('system', [
  [
    'logPrint',
    1,
    null,
    'logPrint(message[, level[, fields…]]): writes a log entry; level debug|info|warn|error (any case, or warning), default info.',
    (a, rt) => {
      const level = a.length > 1 ? logLevel(a[1]) : 'INFO';
      // a full log pipe suspends the run; inside a callback the entry is simply taken
      const budget = new TextBudget(rt.maxString);
      rt.awaitHost(rt.log(level, toDisplay(a[0], budget) + extras(a, budget)), 'logPrint', undefined, false);
      return undefined;
    },
  ],
  [
    'logGroup',
    1,
    1,
    'logGroup(name): opens a group of log entries (a `::group::name` entry; the IDE folds it), closed by logGroupEnd(); groups nest.',
    (a, rt) => {
      // One line: the marker is recognised by the whole message.
      const name = toDisplay(a[0], new TextBudget(rt.maxString)).replace(/[\r\n]+/g, ' ');
      rt.awaitHost(rt.log('INFO', GROUP_START + name), 'logGroup', undefined, false);
      return undefined;
    },
  ],
  [
    'logGroupEnd',
    0,
    0,
    'logGroupEnd(): closes the innermost group opened by logGroup (a `::endgroup::` entry).',
    (_a, rt) => {
      rt.awaitHost(rt.log('INFO', GROUP_END), 'logGroupEnd', undefined, false);
      return undefined;
    },
  ],
  [
    'progress',
    1,
    2,
    'progress(percent[, message]): reports progress of the run (0–100).',
    (a, rt) => {
      const p = num(a[0], 'progress');
      rt.awaitHost(
        rt.host.progress(Math.max(0, Math.min(100, p)), a.length > 1 ? toDisplay(a[1]) : ''),
        'progress',
        undefined,
        false,
      );
      return undefined;
    },
  ],
  [
    'sleep',
    1,
    1,
    'Pauses the run for the given number of milliseconds.',
    (a, rt) => {
      const ms = num(a[0], 'sleep');
      if (ms < 0) err('sleep: duration must not be negative');
      // a sleep past the deadline ends at the deadline, with TIME_LIMIT
      const until = rt.deadline === Infinity ? ms : Math.max(0, Math.min(ms, rt.deadline - rt.host.now() + 1));
      const afterSleep = (): Value => {
        rt.checkClock();
        return undefined;
      };
      if (rt.awaitHost(rt.host.sleep(until), 'sleep', afterSleep)) return undefined;
      return afterSleep();
    },
  ],
  ['timestamp', 0, 0, 'Current time as Unix epoch seconds.', (_a, rt) => Math.floor(rt.host.now() / 1000)],
  ['platform', 0, 0, "The platform the runtime runs on ('js').", () => 'js'],
  [
    'getEnv',
    1,
    1,
    'Value of an environment variable the operator allows (empty string when unset).',
    (a, rt) => envValue(rt, str(a[0], 'getEnv')) ?? '',
  ],
  [
    'hasEnv',
    1,
    1,
    'True when an allowed environment variable is set.',
    (a, rt) => envValue(rt, str(a[0], 'hasEnv')) !== undefined,
  ],
]);

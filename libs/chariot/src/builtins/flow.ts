import { Sig } from '../evaluator/runtime';
import { DBNull, ExitRequest } from '../values/values';
import { table } from './types';
import { num } from './util';

export const FLOW_BUILTINS = table('flow', [
  [
    'break',
    0,
    0,
    'Leaves the nearest enclosing while loop.',
    (_a, rt) => {
      rt.sig = Sig.Break;
      return undefined;
    },
  ],
  [
    'continue',
    0,
    0,
    'Skips to the next iteration of the nearest enclosing while loop.',
    (_a, rt) => {
      rt.sig = Sig.Continue;
      return undefined;
    },
  ],
  [
    'return',
    0,
    1,
    'Returns from the current function with a value (DBNull when omitted).',
    (a, rt) => {
      const v = a.length ? a[0] : DBNull;
      rt.sig = Sig.Return;
      rt.sigValue = v;
      return v;
    },
  ],
  [
    'exit',
    0,
    1,
    'Stops the program with an exit code (default 0).',
    (a, rt) => {
      const code = a.length ? num(a[0], 'exit') : 0;
      rt.sig = Sig.Exit;
      rt.exitCode = code;
      return new ExitRequest(code);
    },
  ],
]);

import { fromNative, jsonNodeFrom, stringifySorted, toJson } from '../values/json';
import { TextBudget } from '../values/text-budget';
import { table } from './types';
import { err, str } from './util';

/** JSON.parse with the error reported as a Chariot error. */
export function parseJsonText(text: string, who: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return err(`${who}: invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export const JSON_BUILTINS = table('json', [
  [
    'parseJSON',
    1,
    2,
    'parseJSON(text[, name]): a JSON node (arrays are kept under the attribute _<name>).',
    (a) =>
      jsonNodeFrom(
        parseJsonText(str(a[0], 'parseJSON', 'JSON text'), 'parseJSON'),
        a.length > 1 ? str(a[1], 'parseJSON', 'name') : 'root',
      ),
  ],
  [
    'parseJSONValue',
    1,
    1,
    'Parses JSON text into plain values: objects become JSON nodes, arrays arrays.',
    (a) => fromNative(parseJsonText(str(a[0], 'parseJSONValue', 'JSON text'), 'parseJSONValue'), 'root'),
  ],
  [
    'parseJSONSimple',
    1,
    1,
    'Alias of parseJSONValue.',
    (a) => fromNative(parseJsonText(str(a[0], 'parseJSONSimple', 'JSON text'), 'parseJSONSimple'), 'root'),
  ],
  [
    'toJSON',
    1,
    2,
    'JSON text of a value (keys sorted); toJSON(v, true) pretty-prints.',
    (a, rt) => {
      const j = toJson(a[0], new TextBudget(rt.maxString));
      return rt.checkString(
        a[1] === true ? JSON.stringify(JSON.parse(stringifySorted(j)), null, 2) : stringifySorted(j),
      );
    },
  ],
  [
    'toSimpleJSON',
    1,
    1,
    'Compact JSON text of a value.',
    (a, rt) => rt.checkString(stringifySorted(toJson(a[0], new TextBudget(rt.maxString)))),
  ],
]);

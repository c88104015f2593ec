import { equalValues } from '../evaluator/ops';
import { toDisplay } from '../values/format';
import { TextBudget } from '../values/text-budget';
import { TreeNode, Value } from '../values/values';
import { table } from './types';
import { arr, err, indexArg, num, str, typeName } from './util';

export const ARRAY_BUILTINS = table('arrays', [
  ['array', 0, null, 'A new array of the arguments.', (a, rt) => rt.checkArray(a.slice())],
  [
    'range',
    2,
    3,
    'range(start, end[, step]): numbers from start up to (not including) end.',
    (a, rt) => {
      const s = num(a[0], 'range', 'start');
      const e = num(a[1], 'range', 'end');
      const step = a.length > 2 ? num(a[2], 'range', 'step') : 1;
      if (step === 0) return err('range: step must not be 0');
      // integer bounds as in the reference: range(0, 2.5) is [0, 1]
      const n = a.length > 2 ? Math.max(0, Math.ceil((e - s) / step)) : Math.max(0, Math.trunc(e) - Math.trunc(s));
      rt.checkArrayLength(n);
      rt.charge(n / 16);
      const out: Value[] = new Array<Value>(n);
      const first = a.length > 2 ? s : Math.trunc(s);
      for (let i = 0; i < n; i++) out[i] = first + i * step;
      return out;
    },
  ],
  [
    'removeAt',
    2,
    2,
    'Removes the element at an index from an array; returns the array.',
    (a) => {
      const t = a[0];
      const items = Array.isArray(t) ? t : t instanceof TreeNode ? t.arrayItems() : null;
      if (items === null) return err(`removeAt: unsupported type ${typeName(t)}`);
      const i = indexArg(a[1], 'removeAt');
      if (i < 0 || i >= items.length) return err(`removeAt: index ${i} out of bounds (length ${items.length})`);
      items.splice(i, 1);
      return t;
    },
  ],
  [
    'lastIndex',
    2,
    2,
    'Last position of an element in an array (or substring in a string); -1 when absent.',
    (a) => {
      const t = a[0];
      if (typeof t === 'string') {
        const i = t.lastIndexOf(str(a[1], 'lastIndex'));
        return i < 0 ? -1 : Array.from(t.slice(0, i)).length;
      }
      const items = arr(t, 'lastIndex');
      for (let i = items.length - 1; i >= 0; i--) if (equalValues(items[i], a[1])) return i;
      return -1;
    },
  ],
  [
    'sortArray',
    1,
    2,
    'Sorted copy of an array of numbers or strings; sortArray(a, fn) with a comparator returning a number.',
    (a, rt) => {
      const items = arr(a[0], 'sortArray').slice();
      rt.charge(items.length / 4);
      if (a.length > 1) {
        return items.sort((x, y) => num(rt.invoke(a[1], [x, y], 'sortArray'), 'sortArray', 'comparator result'));
      }
      // each value's text once, all within the string limit: a comparison used to convert both
      // sides again, and the text of a value with shared parts can be as long as the limit
      const texts = new Map<Value, string>();
      const budget = new TextBudget(rt.maxString);
      const text = (v: Value): string => {
        let s = texts.get(v);
        if (s === undefined) texts.set(v, (s = toDisplay(v, budget)));
        return s;
      };
      return items.sort((x, y) => {
        if (typeof x === 'number' && typeof y === 'number') return x - y;
        const sx = text(x);
        const sy = text(y);
        return sx < sy ? -1 : sx > sy ? 1 : 0;
      });
    },
  ],
]);

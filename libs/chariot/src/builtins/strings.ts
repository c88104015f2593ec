import { Runtime } from '../evaluator/runtime';
import { formatNumber, toDisplay } from '../values/format';
import { TextBudget } from '../values/text-budget';
import { ChMap, DBNull, DBNullValue, TreeNode, Value } from '../values/values';
import { utf8Length } from './sequences';
import { getPath } from './access';
import { table } from './types';
import { err, int, num, str, typeName } from './util';

const cps = (s: string): string[] => Array.from(s);

const FLAGS = '-+# 0';
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isVerb = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 37;

/**
 * Replaces each directive of a format, as `format.replace(/%([-+# 0]*)(\d+|\*)?(?:\.(\d*|\*))?([a-zA-Z%])/g, …)`
 * does, in one pass: that expression backtracks quadratically on a `%` followed by many zeros.
 * Its greedy reading is the only one that can match (flags, width and precision are followed
 * by a verb letter, which none of their characters is), so each directive is read greedily; a
 * `%` without a verb where the greedy reading ends stays text. `checkLength` is told the length
 * of the output so far, so a width cannot build far past the limit.
 */
export function replaceDirectives(
  format: string,
  directive: (flags: string, width: string | undefined, precision: string | undefined, verb: string) => string,
  checkLength: (n: number) => void,
): string {
  let out = '';
  let last = 0;
  for (let i = format.indexOf('%'); i >= 0; i = format.indexOf('%', i)) {
    let j = i + 1;
    while (j < format.length && FLAGS.includes(format[j])) j++;
    const flags = format.slice(i + 1, j);
    let width: string | undefined;
    if (format[j] === '*') width = format[j++];
    else {
      const from = j;
      while (isDigit(format.charCodeAt(j))) j++;
      if (j > from) width = format.slice(from, j);
    }
    let precision: string | undefined;
    if (format[j] === '.') {
      if (format[j + 1] === '*') {
        precision = '*';
        j += 2;
      } else {
        const from = ++j;
        while (isDigit(format.charCodeAt(j))) j++;
        precision = format.slice(from, j);
      }
    }
    if (!isVerb(format.charCodeAt(j))) {
      i++;
      continue;
    }
    out += format.slice(last, i) + directive(flags, width, precision, format[j]);
    checkLength(out.length);
    last = i = j + 1;
  }
  return out + format.slice(last);
}

/**
 * Go fmt.Sprintf for the common verbs: %v %s %d %f %F %e %g %x %X %o %b %t %q %c %% with
 * flags/width/precision. `checkLength` throws when the output would grow past the limit (before a
 * width is padded out).
 */
export function sprintf(format: string, args: Value[], checkLength: (n: number) => void = () => undefined): string {
  let ai = 0;
  return (
    replaceDirectives(
      format,
      (flags, w, p, verb) => {
        if (verb === '%') return '%';
        const width = w === '*' ? Number(args[ai++]) : w !== undefined ? Number(w) : undefined;
        const prec = p === '*' ? Number(args[ai++]) : p !== undefined ? Number(p || '0') : undefined;
        if (ai >= args.length) return `%!${verb}(MISSING)`;
        const v = args[ai++];
        let s: string;
        switch (verb) {
          case 'v':
          case 's':
            s = toDisplay(v);
            if (prec !== undefined && verb === 's') s = cps(s).slice(0, prec).join('');
            break;
          case 'd':
            s = typeof v === 'number' ? String(Math.trunc(v)) : `%!d(${typeName(v)}=${toDisplay(v)})`;
            if (flags.includes('+') && typeof v === 'number' && v >= 0) s = '+' + s;
            break;
          case 'f':
          case 'F':
            s = typeof v === 'number' ? v.toFixed(prec ?? 6) : `%!f(${typeName(v)}=${toDisplay(v)})`;
            if (flags.includes('+') && typeof v === 'number' && v >= 0) s = '+' + s;
            break;
          case 'e':
          case 'E': {
            if (typeof v !== 'number') {
              s = `%!e(${typeName(v)}=${toDisplay(v)})`;
              break;
            }
            s = v.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
            if (verb === 'E') s = s.toUpperCase();
            break;
          }
          case 'g':
          case 'G':
            s =
              typeof v === 'number'
                ? prec !== undefined
                  ? String(Number(v.toPrecision(prec || 1)))
                  : formatNumber(v)
                : toDisplay(v);
            break;
          case 'x':
          case 'X':
            s =
              typeof v === 'number'
                ? Math.trunc(v).toString(16)
                : Array.from(new TextEncoderLite().encode(toDisplay(v)), (b) => b.toString(16).padStart(2, '0')).join(
                    '',
                  );
            if (verb === 'X') s = s.toUpperCase();
            break;
          case 'o':
            s = typeof v === 'number' ? Math.trunc(v).toString(8) : toDisplay(v);
            break;
          case 'b':
            s = typeof v === 'number' ? Math.trunc(v).toString(2) : toDisplay(v);
            break;
          case 't':
            s = typeof v === 'boolean' ? String(v) : `%!t(${typeName(v)}=${toDisplay(v)})`;
            break;
          case 'q':
            s = JSON.stringify(toDisplay(v));
            break;
          case 'c':
            s = typeof v === 'number' ? String.fromCodePoint(v) : toDisplay(v);
            break;
          case 'T':
            s = typeName(v);
            break;
          default:
            return `%!${verb}(${typeName(v)}=${toDisplay(v)})`;
        }
        if (width !== undefined && cps(s).length < width) {
          const padLen = width - cps(s).length;
          checkLength(padLen);
          if (flags.includes('-')) s = s + ' '.repeat(padLen);
          else if (flags.includes('0') && /[dfFeEgGxXob]/.test(verb)) {
            const sign = /^[+-]/.test(s) ? s[0] : '';
            s = sign + '0'.repeat(padLen) + s.slice(sign.length);
          } else s = ' '.repeat(padLen) + s;
        }
        return s;
      },
      checkLength,
    ) +
    (ai < args.length
      ? `%!(EXTRA ${args
          .slice(ai)
          .map((x) => `${typeName(x)}=${toDisplay(x)}`)
          .join(', ')})`
      : '')
  );
}

/** UTF-8 encoder without relying on TextEncoder. */
class TextEncoderLite {
  encode(s: string): number[] {
    const out: number[] = [];
    for (const ch of s) {
      const c = ch.codePointAt(0) as number;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }
}

function charAtStrict(a: Value[], who: string): string {
  const c = cps(str(a[0], who));
  const i = int(a[1], who, 'position');
  if (i < 0 || i >= c.length) return err(`position ${i} out of bounds for string of length ${c.length}`);
  return c[i];
}

function trimChars(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  if (chars === undefined) return left && right ? s.trim() : left ? s.trimStart() : s.trimEnd();
  const set = new Set(cps(chars));
  const a = cps(s);
  let i = 0;
  let j = a.length;
  if (left) while (i < j && set.has(a[i])) i++;
  if (right) while (j > i && set.has(a[j - 1])) j--;
  return a.slice(i, j).join('');
}

/** Pads s to n code points with copies of fill (the last one cut); the size is checked before building. */
function padTo(rt: Runtime, s: string, n: number, fill: string, left: boolean): string {
  const len = cps(s).length;
  if (!(n > len) || fill === '') return s;
  if (n > rt.maxString) rt.checkStringLength(n);
  const f = cps(fill);
  const count = n - len;
  const whole = Math.floor(count / f.length);
  const rest = f.slice(0, count % f.length).join('');
  rt.checkStringLength(s.length + whole * fill.length + rest.length);
  rt.charge(count / 1024);
  const p = fill.repeat(whole) + rest;
  return left ? p + s : s + p;
}

/** interpolate/merge: replaces {name} (or ${name}) with values looked up in the sources. */
export function interpolate(rt: Runtime, template: string, sources: Value[], fnArgs: Value[]): string {
  return template.replace(/\$?\{([A-Za-z_][\w.]*)\}/g, (m, key: string) => {
    for (const src of sources) {
      if (!(src instanceof TreeNode || src instanceof ChMap)) continue;
      let v = getPath(src, key);
      if (v instanceof DBNullValue) continue;
      if (v !== null && typeof v === 'object' && 'params' in v) v = rt.invoke(v, fnArgs, 'merge');
      return toDisplay(v);
    }
    return m;
  });
}

export const STRING_BUILTINS = table('strings', [
  [
    'concat',
    0,
    null,
    'Joins the string forms of all arguments.',
    (a, rt) => {
      // `+` keeps V8 ropes: building a string in a loop stays linear
      let out = '';
      let budget: TextBudget | undefined;
      for (const x of a)
        out +=
          typeof x === 'string'
            ? x
            : typeof x === 'number'
              ? formatNumber(x)
              : toDisplay(x, (budget ??= new TextBudget(rt.maxString)));
      return out.length > rt.maxString ? rt.checkString(out) : out;
    },
  ],
  [
    'format',
    1,
    null,
    'format(fmt, args…): Go-style formatting (%v %s %d %f %.2f %x %t %q …).',
    (a, rt) => rt.checkString(sprintf(str(a[0], 'format', 'format'), a.slice(1), (n) => rt.checkStringLength(n))),
  ],
  [
    'sprintf',
    1,
    null,
    'Alias of format.',
    (a, rt) => rt.checkString(sprintf(str(a[0], 'sprintf', 'format'), a.slice(1), (n) => rt.checkStringLength(n))),
  ],
  ['lower', 1, 1, 'Lower-case copy.', (a) => str(a[0], 'lower').toLowerCase()],
  ['upper', 1, 1, 'Upper-case copy.', (a) => str(a[0], 'upper').toUpperCase()],
  ['toLowerCase', 1, 1, 'Lower-case copy.', (a) => str(a[0], 'toLowerCase').toLowerCase()],
  ['toUpperCase', 1, 1, 'Upper-case copy.', (a) => str(a[0], 'toUpperCase').toUpperCase()],
  ['lowerCase', 1, 1, 'Lower-case copy.', (a) => str(a[0], 'lowerCase').toLowerCase()],
  ['upperCase', 1, 1, 'Upper-case copy.', (a) => str(a[0], 'upperCase').toUpperCase()],
  [
    'trim',
    1,
    2,
    'trim(s[, chars]): removes whitespace (or the given characters) at both ends.',
    (a) => trimChars(str(a[0], 'trim'), a.length > 1 ? str(a[1], 'trim') : undefined, true, true),
  ],
  [
    'trimLeft',
    1,
    2,
    'trimLeft(s[, chars]): trims the start.',
    (a) => trimChars(str(a[0], 'trimLeft'), a.length > 1 ? str(a[1], 'trimLeft') : undefined, true, false),
  ],
  [
    'trimRight',
    1,
    2,
    'trimRight(s[, chars]): trims the end.',
    (a) => trimChars(str(a[0], 'trimRight'), a.length > 1 ? str(a[1], 'trimRight') : undefined, false, true),
  ],
  [
    'replace',
    3,
    4,
    'replace(s, old, new[, n]): replaces all (or the first n) occurrences.',
    (a, rt) => {
      const s = str(a[0], 'replace');
      const from = str(a[1], 'replace', 'old');
      const to = str(a[2], 'replace', 'new');
      const n = a.length > 3 ? int(a[3], 'replace', 'count') : -1;
      const all = n < 0;
      rt.charge(s.length / 64);
      if (from === '') {
        // the empty string is found at the start each time: n copies of `to` in front
        if (all || !(n > 0) || to === '') return rt.checkString(s);
        rt.checkStringLength(s.length + n * to.length);
        return to.repeat(n) + s;
      }
      // count first, so the result's size is known before it is built
      let count = 0;
      for (let k = s.indexOf(from); k >= 0 && (all || count < n); k = s.indexOf(from, k + from.length)) count++;
      rt.checkStringLength(s.length + count * (to.length - from.length));
      if (all) return s.split(from).join(to);
      let out = '';
      let pos = 0;
      for (let i = 0; i < count; i++) {
        const k = s.indexOf(from, pos);
        out += s.slice(pos, k) + to;
        pos = k + from.length;
      }
      return out + s.slice(pos);
    },
  ],
  [
    'substr',
    2,
    3,
    'substr(s, start[, length]): part of a string in code points; a negative start is an error.',
    (a) => {
      const c = cps(str(a[0], 'substr'));
      const start = int(a[1], 'substr', 'start');
      if (start < 0) return err('substr: start index must not be negative');
      const len = a.length > 2 ? int(a[2], 'substr', 'length') : c.length;
      if (len < 0) return err('substr: length must not be negative');
      return c.slice(start, start + len).join('');
    },
  ],
  [
    'substring',
    2,
    3,
    'substring(s, start[, length]): as substr.',
    (a) => {
      const c = cps(str(a[0], 'substring'));
      const start = int(a[1], 'substring', 'start');
      if (start < 0) return err('substring: start index must not be negative');
      const len = a.length > 2 ? int(a[2], 'substring', 'length') : c.length;
      if (len < 0) return err('substring: length must not be negative');
      return c.slice(start, start + len).join('');
    },
  ],
  [
    'right',
    2,
    2,
    'right(s, n): the last n characters.',
    (a) => {
      const c = cps(str(a[0], 'right'));
      const n = int(a[1], 'right', 'count');
      return n <= 0 ? '' : c.slice(Math.max(0, c.length - n)).join('');
    },
  ],
  [
    'left',
    2,
    2,
    'left(s, n): the first n characters.',
    (a) =>
      cps(str(a[0], 'left'))
        .slice(0, Math.max(0, int(a[1], 'left', 'count')))
        .join(''),
  ],
  ['strlen', 1, 1, 'Length of a string in UTF-8 bytes (as length).', (a) => utf8Length(str(a[0], 'strlen'))],
  [
    'charAt',
    2,
    2,
    'Character at a code-point position (DBNull when out of range).',
    (a) => cps(str(a[0], 'charAt'))[int(a[1], 'charAt', 'index')] ?? DBNull,
  ],
  [
    'char',
    2,
    2,
    'char(s, pos): the character at a position (error when out of range).',
    (a) => charAtStrict(a, 'char'),
  ],
  [
    'atPos',
    2,
    2,
    'atPos(s, pos): the character at a position (error when out of range).',
    (a) => charAtStrict(a, 'atPos'),
  ],
  ['fromCharCode', 1, 1, 'The character with a code point.', (a) => String.fromCodePoint(num(a[0], 'fromCharCode'))],
  [
    'ascii',
    1,
    1,
    'Code point of the first character.',
    (a) => str(a[0], 'ascii').codePointAt(0) ?? err('ascii: empty string'),
  ],
  ['digits', 1, 1, 'Only the decimal digits of a string.', (a) => str(a[0], 'digits').replace(/\D+/g, '')],
  [
    'hasPrefix',
    2,
    2,
    'True when s starts with prefix.',
    (a) => str(a[0], 'hasPrefix').startsWith(str(a[1], 'hasPrefix', 'prefix')),
  ],
  [
    'hasSuffix',
    2,
    2,
    'True when s ends with suffix.',
    (a) => str(a[0], 'hasSuffix').endsWith(str(a[1], 'hasSuffix', 'suffix')),
  ],
  [
    'startsWith',
    2,
    2,
    'True when s starts with prefix.',
    (a) => str(a[0], 'startsWith').startsWith(str(a[1], 'startsWith', 'prefix')),
  ],
  [
    'endsWith',
    2,
    2,
    'True when s ends with suffix.',
    (a) => str(a[0], 'endsWith').endsWith(str(a[1], 'endsWith', 'suffix')),
  ],
  [
    'lastPos',
    2,
    2,
    'Last code-point position of a substring, -1 when absent.',
    (a) => {
      const s = str(a[0], 'lastPos');
      const i = s.lastIndexOf(str(a[1], 'lastPos'));
      return i < 0 ? -1 : cps(s.slice(0, i)).length;
    },
  ],
  [
    'occurs',
    2,
    2,
    'Number of non-overlapping occurrences of a substring.',
    (a) => {
      const sub = str(a[1], 'occurs');
      return sub === '' ? cps(str(a[0], 'occurs')).length + 1 : str(a[0], 'occurs').split(sub).length - 1;
    },
  ],
  ['append', 2, null, 'Concatenates strings.', (a, rt) => rt.checkString(a.map((x) => str(x, 'append')).join(''))],
  [
    'padLeft',
    3,
    3,
    'padLeft(s, width, fill): pads on the left to the width.',
    (a, rt) =>
      padTo(
        rt,
        toDisplay(a[0]),
        int(a[1], 'padLeft', 'width'),
        a.length > 2 ? str(a[2], 'padLeft', 'fill') : ' ',
        true,
      ),
  ],
  [
    'padRight',
    3,
    3,
    'padRight(s, width, fill): pads on the right to the width.',
    (a, rt) =>
      padTo(
        rt,
        toDisplay(a[0]),
        int(a[1], 'padRight', 'width'),
        a.length > 2 ? str(a[2], 'padRight', 'fill') : ' ',
        false,
      ),
  ],
  [
    'repeat',
    2,
    2,
    'repeat(s, n): s repeated n times.',
    (a, rt) => {
      const s = str(a[0], 'repeat');
      const n = int(a[1], 'repeat', 'count');
      if (n < 0) return err('repeat: count must not be negative');
      rt.checkStringLength(s.length * n);
      rt.charge((s.length * n) / 1024);
      return s.repeat(n);
    },
  ],
  [
    'interpolate',
    1,
    null,
    'interpolate(template[, sources…]): replaces ${name} with variables (or {name} with values of the given nodes/maps).',
    (a, rt, scope) => {
      const t = str(a[0], 'interpolate', 'template');
      if (a.length > 1) return rt.checkString(interpolate(rt, t, a.slice(1), []));
      return rt.checkString(
        t.replace(/\$\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g, (_m, name: string) => {
          if (!scope.has(name)) return err(`variable '${name}' not found in interpolation`);
          const v = scope.get(name);
          return v === undefined ? '' : toDisplay(v);
        }),
      );
    },
  ],
]);

import { ChariotSyntaxError } from '../errors';
import { T, Token } from './token';

/**
 * Turns Chariot source into tokens.
 *
 * Reference behaviour kept: both quote kinds with the same escapes, raw backtick strings,
 * `//` comments, `-` glued to a digit is a sign. Part B additions: block comments, exponents,
 * operators and `;` as tokens, and any other character is a syntax error (the reference
 * skipped it silently).
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const n = src.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let spaced = true;

  const err = (msg: string, at: number, l = line, ls = lineStart): never => {
    throw new ChariotSyntaxError(msg, l, at - ls + 1);
  };
  // Where each string began and the line it ended on, to place an unterminated one (below).
  const strings: OpenedString[] = [];
  const unterminated = (quote: string, start: number, l: number, ls: number): never => {
    const opened = culprit(strings, { quote, line: l, col: start - ls + 1, endLine: l });
    const rest =
      opened.line === l
        ? ''
        : ` on its line (strings may span lines: it runs to line ${opened.endLine}, and the one opened at ${l}:${start - ls + 1} reaches the end of input)`;
    throw new ChariotSyntaxError(
      `'${opened.quote}' opened at ${opened.line}:${opened.col} is never closed${rest}`,
      opened.line,
      opened.col,
    );
  };
  const push = (type: T, text: string, start: number, l: number, ls: number, num = 0): void => {
    out.push({ type, text, num, line: l, col: start - ls + 1, spaced });
    spaced = false;
  };

  while (i < n) {
    const c = src.charCodeAt(i);
    // whitespace
    if (c === 10) {
      i++;
      line++;
      lineStart = i;
      spaced = true;
      continue;
    }
    if (
      c === 32 ||
      c === 9 ||
      c === 13 ||
      c === 11 ||
      c === 12 ||
      c === 0x85 ||
      c === 0xa0 ||
      c === 0xfeff ||
      c === 0x2028 ||
      c === 0x2029
    ) {
      i++;
      spaced = true;
      continue;
    }
    const start = i;
    const sl = line;
    const sls = lineStart;
    // comments
    if (c === 47 /* / */) {
      const d = src.charCodeAt(i + 1);
      if (d === 47) {
        while (i < n && src.charCodeAt(i) !== 10) i++;
        spaced = true;
        continue;
      }
      if (d === 42 /* * */) {
        i += 2;
        for (;;) {
          if (i >= n) err('unterminated block comment', start, sl, sls);
          const e = src.charCodeAt(i);
          if (e === 42 && src.charCodeAt(i + 1) === 47) {
            i += 2;
            break;
          }
          if (e === 10) {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
        spaced = true;
        continue;
      }
      i++;
      push(T.Op, '/', start, sl, sls);
      continue;
    }
    // identifiers
    if (isNameStart(c)) {
      i++;
      while (i < n && isNamePart(src.charCodeAt(i))) i++;
      push(T.Name, src.slice(start, i), start, sl, sls);
      continue;
    }
    // numbers, and '-' glued to a digit
    if (isDigit(c) || (c === 45 && isDigit(src.charCodeAt(i + 1)) && minusIsSign(out, spaced))) {
      if (c === 45) i++;
      while (i < n && (isDigit(src.charCodeAt(i)) || src.charCodeAt(i) === 46)) i++;
      // exponent (part B): 1e5, 2.5E-3
      const e = src.charCodeAt(i);
      if (e === 101 || e === 69) {
        const s = src.charCodeAt(i + 1);
        if (isDigit(s) || ((s === 43 || s === 45) && isDigit(src.charCodeAt(i + 2)))) {
          i += s === 43 || s === 45 ? 2 : 1;
          while (i < n && isDigit(src.charCodeAt(i))) i++;
        }
      }
      const text = src.slice(start, i);
      // the reference ignores ParseFloat errors: '1.2.3' is 0
      const v = /^-?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : 0;
      push(T.Number, text, start, sl, sls, v);
      continue;
    }
    switch (c) {
      case 34: // "
      case 39: {
        // '
        i++;
        let s = '';
        let segStart = i;
        for (;;) {
          if (i >= n) unterminated(src[start], start, sl, sls);
          const d = src.charCodeAt(i);
          if (d === c) break;
          if (d === 10) {
            line++;
            lineStart = i + 1;
          }
          if (d === 92 /* \ */ && i + 1 < n) {
            s += src.slice(segStart, i);
            const e = src[i + 1];
            switch (e) {
              case '"':
              case "'":
              case '\\':
                s += e;
                break;
              case 'n':
                s += '\n';
                break;
              case 't':
                s += '\t';
                break;
              case 'r':
                s += '\r';
                break;
              case 'b':
                s += '\b';
                break;
              case 'f':
                s += '\f';
                break;
              case '0':
                s += '\0';
                break;
              case 'x':
              case 'u': {
                // Our addition: `\xHH` and `\uHHHH` (e.g. ANSI colours, `\x1b[31m`). Too few hex
                // digits: kept as written, like any other unknown escape.
                const width = e === 'x' ? 2 : 4;
                const hex = src.slice(i + 2, i + 2 + width);
                if (hex.length === width && /^[0-9a-fA-F]+$/.test(hex)) {
                  s += String.fromCharCode(parseInt(hex, 16));
                  i += width;
                } else {
                  s += '\\' + e;
                }
                break;
              }
              default:
                s += '\\' + e;
                if (e === '\n') {
                  line++;
                  lineStart = i + 2;
                }
            }
            i += 2;
            segStart = i;
            continue;
          }
          i++;
        }
        s += src.slice(segStart, i);
        i++;
        strings.push({ quote: src[start], line: sl, col: start - sls + 1, endLine: line });
        push(T.String, s, start, sl, sls);
        continue;
      }
      case 96: {
        // backtick: raw
        i++;
        const bodyStart = i;
        while (i < n && src.charCodeAt(i) !== 96) {
          if (src.charCodeAt(i) === 10) {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
        if (i >= n) unterminated('`', start, sl, sls);
        strings.push({ quote: '`', line: sl, col: start - sls + 1, endLine: line });
        push(T.String, src.slice(bodyStart, i), start, sl, sls);
        i++;
        continue;
      }
      case 40:
        i++;
        push(T.LParen, '(', start, sl, sls);
        continue;
      case 41:
        i++;
        push(T.RParen, ')', start, sl, sls);
        continue;
      case 123:
        i++;
        push(T.LBrace, '{', start, sl, sls);
        continue;
      case 125:
        i++;
        push(T.RBrace, '}', start, sl, sls);
        continue;
      case 91:
        i++;
        push(T.LBracket, '[', start, sl, sls);
        continue;
      case 93:
        i++;
        push(T.RBracket, ']', start, sl, sls);
        continue;
      case 44:
        i++;
        push(T.Comma, ',', start, sl, sls);
        continue;
      case 59:
        i++;
        push(T.Semi, ';', start, sl, sls);
        continue;
      case 43: // +
      case 45: // -
      case 42: // *
      case 37: // %
        i++;
        push(T.Op, src[start], start, sl, sls);
        continue;
      case 61: // = ==
      case 33: // ! !=
      case 60: // < <=
      case 62: // > >=
        i += src.charCodeAt(i + 1) === 61 ? 2 : 1;
        push(T.Op, src.slice(start, i), start, sl, sls);
        continue;
      case 38: // &&
      case 124: // ||
        if (src.charCodeAt(i + 1) === c) {
          i += 2;
          push(T.Op, src.slice(start, i), start, sl, sls);
          continue;
        }
        break;
    }
    err(`unexpected character '${String.fromCodePoint(src.codePointAt(i) ?? c)}'`, start, sl, sls);
  }
  out.push({ type: T.EOF, text: '', num: 0, line, col: i - lineStart + 1, spaced: true });
  return out;
}

interface OpenedString {
  quote: string;
  line: number;
  col: number;
  endLine: number;
}

/**
 * The string to blame when `last` never closes. Strings may span lines, so a quote forgotten on
 * line 2 pairs with the first quote of line 3, and every string after it is shifted by one
 * until one runs to the end. Walk back that chain: while the string before ran over lines and
 * ended on the line where the current candidate opens, it is the better culprit.
 */
function culprit(strings: readonly OpenedString[], last: OpenedString): OpenedString {
  let blamed = last;
  for (let k = strings.length - 1; k >= 0; k--) {
    const s = strings[k];
    if (s.endLine === s.line || s.endLine !== blamed.line) break;
    blamed = s;
  }
  return blamed;
}

/**
 * A '-' followed by a digit is a sign (reference reading) unless it directly follows, without
 * whitespace, something that ends an operand: then it is subtraction (`x-1`, `f(a)-1`, `2-1`).
 */
function minusIsSign(out: Token[], spaced: boolean): boolean {
  if (spaced || out.length === 0) return true;
  const p = out[out.length - 1].type;
  return !(p === T.Name || p === T.Number || p === T.String || p === T.RParen || p === T.RBracket || p === T.RBrace);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c > 127 && isUnicodeLetter(c));
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

const LETTER = /\p{L}/u;
function isUnicodeLetter(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff ? true : LETTER.test(String.fromCharCode(c));
}

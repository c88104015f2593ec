import { setOwn } from '../values/json';
import { err } from './util';

/** Deepest nesting of flow collections (`[[…]]`, `{a: {…}}`): each level scans its text again. */
export const MAX_FLOW_DEPTH = 32;

/**
 * A small YAML subset: block mappings and sequences by indentation, flow [..] and {..} of
 * scalars, quoted and plain scalars, comments, `---`. Enough for configuration documents.
 *
 * Linear in the text, apart from flow collections, which cost their length once per level of
 * nesting (at most MAX_FLOW_DEPTH). No regular expression here can backtrack on the text:
 * `charge` is told the work as it goes (the run's step budget).
 */
export function parseYaml(src: string, charge: (units: number) => void = () => undefined): unknown {
  charge(src.length / 16);
  const lines: { indent: number; text: string; no: number }[] = [];
  src.split(/\r?\n/).forEach((raw, no) => {
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '' || text.trim() === '---' || text.trim() === '...') return;
    if (/^\t/.test(text)) err(`yaml: tabs are not allowed for indentation (line ${no + 1})`);
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), no: no + 1 });
  });
  let pos = 0;
  const block = (indent: number): unknown => {
    if (pos >= lines.length) return null;
    const first = lines[pos];
    if (first.text.startsWith('- ') || first.text === '-') {
      const out: unknown[] = [];
      while (
        pos < lines.length &&
        lines[pos].indent === indent &&
        (lines[pos].text.startsWith('- ') || lines[pos].text === '-')
      ) {
        const l = lines[pos];
        const rest = l.text.slice(1).trimStart();
        pos++;
        if (rest === '') out.push(pos < lines.length && lines[pos].indent > indent ? block(lines[pos].indent) : null);
        else if (/^[^'"[{][^:]*:(\s|$)/.test(rest) || /^["'][^"']*["']\s*:(\s|$)/.test(rest)) {
          // "- key: value" starts a mapping indented at the dash + 2: its first line takes the
          // dash line's place (the dash line is done with)
          const inner = indent + (l.text.length - rest.length);
          lines[--pos] = { indent: inner, text: rest, no: l.no };
          out.push(block(inner));
        } else out.push(scalar(rest, l.no, charge));
      }
      return out;
    }
    const obj: Record<string, unknown> = {};
    while (pos < lines.length && lines[pos].indent === indent) {
      const l = lines[pos];
      const m = keyValue(l.text);
      if (!m) return err(`yaml: expected 'key: value' at line ${l.no}`);
      const key = String(scalar(m.key, l.no, charge));
      pos++;
      const rest = m.rest;
      let value: unknown;
      if (rest === undefined || rest === '') {
        value =
          pos < lines.length && lines[pos].indent > indent
            ? block(lines[pos].indent)
            : pos < lines.length && lines[pos].indent === indent && lines[pos].text.startsWith('-')
              ? block(indent)
              : null;
      } else if (rest === '|' || rest === '>' || rest === '|-' || rest === '>-') {
        const parts: string[] = [];
        while (pos < lines.length && lines[pos].indent > indent) parts.push(lines[pos++].text);
        value = rest[0] === '|' ? parts.join('\n') + (rest.length === 1 ? '\n' : '') : parts.join(' ');
      } else value = scalar(rest, l.no, charge);
      setOwn(obj, key, value);
    }
    if (pos < lines.length && lines[pos].indent > indent) err(`yaml: unexpected indentation at line ${lines[pos].no}`);
    return obj;
  };
  if (lines.length === 0) return null;
  const v = block(lines[0].indent);
  if (pos < lines.length) err(`yaml: unexpected content at line ${lines[pos].no}`);
  return v;
}

/** JavaScript's `\s`: WhiteSpace and LineTerminator. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0) return true;
  if (c < 0x1680) return false;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What `.` does not match. */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * A mapping line split into its key text and the rest (undefined after a bare `key:`), as
 * `/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:]+?)\s*:(?:\s+(.*))?$/` splits it, in one pass: that
 * expression backtracks quadratically on long runs of spaces (a 50,000-space line took seconds).
 * The key is a double-quoted string, a single-quoted one, or else the text before the first
 * colon, without the spaces before that colon.
 */
export function keyValue(text: string): { key: string; rest: string | undefined } | null {
  const n = text.length;
  /** `\s*:(?:\s+(.*))?$` from `at`: the rest, or null when it does not match there. */
  const after = (at: number): { rest: string | undefined } | null => {
    let i = at;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 58 /* : */) return null;
    i++;
    if (i === n) return { rest: undefined };
    if (!isSpace(text.charCodeAt(i))) return null;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    for (let k = i; k < n; k++) if (isLineTerminator(text.charCodeAt(k))) return null;
    return { rest: text.slice(i) };
  };
  const quote = text.charCodeAt(0);
  if (quote === 34 /* " */) {
    // backslash escapes (not of a line terminator); the first other `"` closes
    let i = 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92 /* \ */) {
        if (i + 1 < n && !isLineTerminator(text.charCodeAt(i + 1))) i += 2;
        else break;
      } else i++;
    }
    if (i < n && text.charCodeAt(i) === 34) {
      const m = after(i + 1);
      if (m) return { key: text.slice(0, i + 1), rest: m.rest };
    }
  } else if (quote === 39 /* ' */) {
    // '' is a quote inside; the first lone ' closes (closing at a '' could only be followed by a quote)
    let i = 1;
    while (i < n) {
      if (text.charCodeAt(i) !== 39) i++;
      else if (text.charCodeAt(i + 1) === 39) i += 2;
      else break;
    }
    if (i < n) {
      const m = after(i + 1);
      if (m) return { key: text.slice(0, i + 1), rest: m.rest };
    }
  }
  const colon = text.indexOf(':');
  if (colon < 1) return null;
  let end = colon;
  while (end > 1 && isSpace(text.charCodeAt(end - 1))) end--;
  const m = after(end);
  return m ? { key: text.slice(0, end), rest: m.rest } : null;
}

function stripComment(line: string): string {
  let q = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

function scalar(t: string, no: number, charge: (units: number) => void, depth = 0): unknown {
  t = t.trim();
  if (t.startsWith('"')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return err(`yaml: bad double-quoted string at line ${no}`);
    }
  }
  if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  if (t.startsWith('[') && t.endsWith(']')) {
    const body = t.slice(1, -1).trim();
    return body === '' ? [] : splitFlow(body, no, charge, depth).map((x) => scalar(x, no, charge, depth + 1));
  }
  if (t.startsWith('{') && t.endsWith('}')) {
    const o: Record<string, unknown> = {};
    const body = t.slice(1, -1).trim();
    if (body !== '') {
      for (const part of splitFlow(body, no, charge, depth)) {
        const i = part.indexOf(':');
        if (i < 0) err(`yaml: bad flow mapping at line ${no}`);
        setOwn(
          o,
          String(scalar(part.slice(0, i), no, charge, depth + 1)),
          scalar(part.slice(i + 1), no, charge, depth + 1),
        );
      }
    }
    return o;
  }
  if (t === '~' || t === 'null' || t === 'Null' || t === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  // `\d+(\.\d*)?`, not `\d+\.?\d*`: two digit runs side by side backtrack quadratically
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (/^0x[0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  return t;
}

function splitFlow(s: string, no: number, charge: (units: number) => void, level: number): string[] {
  if (level >= MAX_FLOW_DEPTH) return err(`yaml: flow collections nested deeper than ${MAX_FLOW_DEPTH} at line ${no}`);
  charge(s.length / 16);
  const out: string[] = [];
  let depth = 0;
  let q = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim());
}

/** YAML text of JSON-like data (block style, keys in insertion order). */
export function toYaml(v: unknown, indent = 0): string {
  const sp = ' '.repeat(indent);
  if (Array.isArray(v)) {
    const items: unknown[] = v;
    if (items.length === 0) return sp + '[]\n';
    return items
      .map((x) => {
        if (x !== null && typeof x === 'object' && Object.keys(x).length > 0) {
          const inner = toYaml(x, indent + 2);
          return sp + '- ' + inner.slice(indent + 2);
        }
        return sp + '- ' + yamlScalar(x) + '\n';
      })
      .join('');
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return sp + '{}\n';
    return entries
      .map(([k, x]) => {
        const key = yamlKey(k);
        if (x !== null && typeof x === 'object' && (Array.isArray(x) ? x.length > 0 : Object.keys(x).length > 0)) {
          return `${sp}${key}:\n${toYaml(x, Array.isArray(x) ? indent : indent + 2)}`;
        }
        return `${sp}${key}: ${Array.isArray(x) ? '[]' : x !== null && typeof x === 'object' ? '{}' : yamlScalar(x)}\n`;
      })
      .join('');
  }
  return sp + yamlScalar(v) + '\n';
}

function yamlKey(k: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(k) ? k : JSON.stringify(k);
}

function yamlScalar(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'string') {
    if (
      x === '' ||
      /^[\s-?:,[\]{}#&*!|>'"%@`]|[:#]\s|\s$|^(true|false|null|yes|no|~)$/i.test(x) ||
      /^[-+]?(\d|\.\d)/.test(x) ||
      x.includes('\n')
    ) {
      return JSON.stringify(x);
    }
    return x;
  }
  // Empty collections in a list (non-empty ones are written as blocks by toYaml).
  if (Array.isArray(x)) return '[]';
  if (typeof x === 'object') return '{}';
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return String(x);
  return 'null';
}

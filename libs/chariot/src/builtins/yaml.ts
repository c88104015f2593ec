import { err } from './util';

/**
 * A small YAML subset: block mappings and sequences by indentation, flow [..] and {..} of
 * scalars, quoted and plain scalars, comments, `---`. Enough for configuration documents.
 */
export function parseYaml(src: string): unknown {
  const lines: { indent: number; text: string; no: number }[] = [];
  src.split(/\r?\n/).forEach((raw, no) => {
    const text = stripComment(raw).replace(/\s+$/, '');
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
      while (pos < lines.length && lines[pos].indent === indent && (lines[pos].text.startsWith('- ') || lines[pos].text === '-')) {
        const l = lines[pos];
        const rest = l.text.slice(1).trimStart();
        pos++;
        if (rest === '') out.push(pos < lines.length && lines[pos].indent > indent ? block(lines[pos].indent) : null);
        else if (/^[^'"[{][^:]*:(\s|$)/.test(rest) || /^["'][^"']*["']\s*:(\s|$)/.test(rest)) {
          // "- key: value" starts a mapping indented at the dash + 2
          const inner = indent + (l.text.length - rest.length);
          lines.splice(pos, 0, { indent: inner, text: rest, no: l.no });
          out.push(block(inner));
        } else out.push(scalar(rest, l.no));
      }
      return out;
    }
    const obj: Record<string, unknown> = {};
    while (pos < lines.length && lines[pos].indent === indent) {
      const l = lines[pos];
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:]+?)\s*:(?:\s+(.*))?$/.exec(l.text);
      if (!m) return err(`yaml: expected 'key: value' at line ${l.no}`);
      const key = String(scalar(m[1], l.no));
      pos++;
      const rest = m[2];
      if (rest === undefined || rest === '') {
        obj[key] = pos < lines.length && lines[pos].indent > indent ? block(lines[pos].indent) : pos < lines.length && lines[pos].indent === indent && lines[pos].text.startsWith('-') ? block(indent) : null;
      } else if (rest === '|' || rest === '>' || rest === '|-' || rest === '>-') {
        const parts: string[] = [];
        while (pos < lines.length && lines[pos].indent > indent) parts.push(lines[pos++].text);
        obj[key] = rest[0] === '|' ? parts.join('\n') + (rest.length === 1 ? '\n' : '') : parts.join(' ');
      } else obj[key] = scalar(rest, l.no);
    }
    if (pos < lines.length && lines[pos].indent > indent) err(`yaml: unexpected indentation at line ${lines[pos].no}`);
    return obj;
  };
  if (lines.length === 0) return null;
  const v = block(lines[0].indent);
  if (pos < lines.length) err(`yaml: unexpected content at line ${lines[pos].no}`);
  return v;
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

function scalar(t: string, no: number): unknown {
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
    return body === '' ? [] : splitFlow(body).map((x) => scalar(x, no));
  }
  if (t.startsWith('{') && t.endsWith('}')) {
    const o: Record<string, unknown> = {};
    const body = t.slice(1, -1).trim();
    if (body !== '') {
      for (const part of splitFlow(body)) {
        const i = part.indexOf(':');
        if (i < 0) err(`yaml: bad flow mapping at line ${no}`);
        o[String(scalar(part.slice(0, i), no))] = scalar(part.slice(i + 1), no);
      }
    }
    return o;
  }
  if (t === '~' || t === 'null' || t === 'Null' || t === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (/^0x[0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  return t;
}

function splitFlow(s: string): string[] {
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
    if (v.length === 0) return sp + '[]\n';
    return v
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
    if (x === '' || /^[\s-?:,[\]{}#&*!|>'"%@`]|[:#]\s|\s$|^(true|false|null|yes|no|~)$/i.test(x) || /^[-+]?(\d|\.\d)/.test(x) || x.includes('\n')) {
      return JSON.stringify(x);
    }
    return x;
  }
  return String(x);
}

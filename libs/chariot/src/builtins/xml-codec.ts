import { displayEach } from '../values/format';
import { TextBudget } from '../values/text-budget';
import { TreeNode } from '../values/values';
import { err } from './util';

/**
 * XML text ↔ XML nodes: the parser behind parseXMLString and xmlNode, and the writer behind
 * xmlToString and nodeToString.
 */
// a Map, not an object literal: `&constructor;` must stay text, not find Object.prototype's
const ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES.get(e) ?? m;
  });
}

/** A small non-validating XML parser: elements, attributes, text, CDATA; comments/PIs skipped. */
export function parseXml(src: string): TreeNode {
  let i = 0;
  const n = src.length;
  const fail = (msg: string): never => err(`parseXMLString: ${msg} at offset ${i}`);
  const skipMisc = () => {
    for (;;) {
      while (i < n && /\s/.test(src[i])) i++;
      if (src.startsWith('<?', i)) {
        const e = src.indexOf('?>', i);
        if (e < 0) fail('unterminated processing instruction');
        i = e + 2;
      } else if (src.startsWith('<!--', i)) {
        const e = src.indexOf('-->', i);
        if (e < 0) fail('unterminated comment');
        i = e + 3;
      } else if (src.startsWith('<!DOCTYPE', i)) {
        const e = src.indexOf('>', i);
        if (e < 0) fail('unterminated DOCTYPE');
        i = e + 1;
      } else return;
    }
  };
  const nameAt = (): string => {
    const m = /^[A-Za-z_:][\w:.-]*/.exec(src.slice(i, i + 200));
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const element = (depth: number): TreeNode => {
    if (depth > 500) fail('nesting too deep');
    if (src[i] !== '<') fail("expected '<'");
    i++;
    const el = new TreeNode(nameAt(), 'xml');
    for (;;) {
      while (i < n && /\s/.test(src[i])) i++;
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (i >= n) fail('unterminated start tag');
      const an = nameAt();
      while (/\s/.test(src[i])) i++;
      if (src[i] !== '=') fail("expected '='");
      i++;
      while (/\s/.test(src[i])) i++;
      const q = src[i];
      if (q !== '"' && q !== "'") fail('expected a quoted attribute value');
      const e = src.indexOf(q, i + 1);
      if (e < 0) fail('unterminated attribute value');
      el.attrs.set(an, decode(src.slice(i + 1, e)));
      i = e + 1;
    }
    let text = '';
    for (;;) {
      if (i >= n) fail(`unclosed element <${el.name}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        const close = nameAt();
        if (close !== el.name) fail(`mismatched </${close}>, expected </${el.name}>`);
        while (/\s/.test(src[i])) i++;
        if (src[i] !== '>') fail("expected '>'");
        i++;
        break;
      }
      if (src.startsWith('<!--', i)) {
        const e = src.indexOf('-->', i);
        if (e < 0) fail('unterminated comment');
        i = e + 3;
      } else if (src.startsWith('<![CDATA[', i)) {
        const e = src.indexOf(']]>', i);
        if (e < 0) fail('unterminated CDATA');
        text += src.slice(i + 9, e);
        i = e + 3;
      } else if (src[i] === '<') {
        el.addChild(element(depth + 1));
      } else {
        const e = src.indexOf('<', i);
        text += decode(src.slice(i, e < 0 ? n : e));
        i = e < 0 ? n : e;
      }
    }
    el.text = el.children.length ? text.trim() : text;
    return el;
  };
  skipMisc();
  if (i >= n) fail('empty document');
  const rootEl = element(0);
  skipMisc();
  if (i < n) fail('content after the root element');
  return rootEl;
}

/**
 * XML text of a node: attributes in order, text escaped, an element without content
 * self-closed. A node listed as a child of several others is written each time: the text
 * counts against `budget` as it grows (see TextBudget).
 */
export function xmlText(n: TreeNode, budget: TextBudget = new TextBudget()): string {
  budget.spend(n.name.length + 3 + n.text.length);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const keys = [...n.attrs.keys()];
  for (const k of keys) budget.spend(k.length + 4);
  const values = displayEach([...n.attrs.values()], budget);
  const attrs = keys.map((k, i) => ` ${k}="${esc(values[i]).replace(/"/g, '&quot;')}"`).join('');
  const inner = esc(n.text) + n.children.map((c) => xmlText(c, budget)).join('');
  return inner === '' ? `<${n.name}${attrs}/>` : `<${n.name}${attrs}>${inner}</${n.name}>`;
}

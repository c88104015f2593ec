import type { StreamParser, StringStream } from '@codemirror/language';
import { ATOM_WORDS, FALLBACK_KEYWORDS } from './defaults';

export interface ChariotTokenizerState {
  /** Open multi-line construct carried to the next line, if any. */
  open: null | 'blockComment' | '"' | "'" | '`';
  /**
   * For each bracket (`{`, `[`, `(`) opened and not yet closed, the indentation of the line it
   * was opened on: the next line goes one unit further than the innermost, and a line that
   * starts by closing brackets goes back to where the outermost of them was opened (so
   * `setq(f, func(x) {` indents its body once, and `})` closes both).
   */
  openedAt: number[];
}

export interface ChariotVocabulary {
  keywords: readonly string[];
  /** Builtin function names (GET /api/functions), highlighted as standard names. */
  builtins: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const NUMBER = /^\d+(?:\.\d+)*(?:[eE][+-]?\d+)?/;
const OPERATOR = /^(?:===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>=!&|^~?:.])/;

function readString(stream: StringStream, state: ChariotTokenizerState, quote: '"' | "'" | '`'): string {
  let escaped = false;
  while (!stream.eol()) {
    const ch = stream.next();
    if (ch === quote && !escaped) {
      state.open = null;
      return 'string';
    }
    escaped = quote !== '`' && !escaped && ch === '\\';
  }
  // Strings may span lines: stay inside it on the next line.
  state.open = quote;
  return 'string';
}

function readBlockComment(stream: StringStream, state: ChariotTokenizerState): string {
  if (stream.skipTo('*/')) {
    stream.pos += 2;
    state.open = null;
  } else {
    stream.skipToEnd();
    state.open = 'blockComment';
  }
  return 'blockComment';
}

/** How many closing brackets start `text` (`})` closes two levels). */
function leadingClosers(text: string): number {
  return /^[\s}\])]*/.exec(text)?.[0].replace(/\s/g, '').length ?? 0;
}

/**
 * A CodeMirror stream tokenizer for Chariot: both call syntax (`setq(x, add(1, 2))`) and the
 * infix extensions (`let x = 1 + 2;`), `//` and `/* *\/` comments, '…', "…" and raw `…`
 * strings (all three may span lines). Token names are @lezer/highlight tag names.
 */
export function chariotStreamParser(
  vocabulary: ChariotVocabulary = { keywords: FALLBACK_KEYWORDS, builtins: [] },
): StreamParser<ChariotTokenizerState> {
  const atoms = new Set(ATOM_WORDS);
  const keywords = new Set(vocabulary.keywords.filter((k) => !atoms.has(k)));
  const builtins = new Set(vocabulary.builtins);

  return {
    name: 'chariot',
    startState: (): ChariotTokenizerState => ({ open: null, openedAt: [] }),
    copyState: (state) => ({ open: state.open, openedAt: [...state.openedAt] }),
    token(stream, state): string | null {
      if (state.open === 'blockComment') {
        return readBlockComment(stream, state);
      }
      if (state.open) {
        return readString(stream, state, state.open);
      }
      if (stream.eatSpace()) {
        return null;
      }
      if (stream.match('//')) {
        stream.skipToEnd();
        return 'lineComment';
      }
      if (stream.match('/*')) {
        return readBlockComment(stream, state);
      }
      const ch = stream.peek() ?? '';
      if (ch === '"' || ch === "'" || ch === '`') {
        stream.next();
        return readString(stream, state, ch);
      }
      if (stream.match(NUMBER)) {
        return 'number';
      }
      const name = stream.match(NAME);
      if (name && typeof name !== 'boolean') {
        const word = name[0];
        if (atoms.has(word)) {
          return 'atom';
        }
        if (keywords.has(word)) {
          return 'keyword';
        }
        if (builtins.has(word)) {
          return 'variableName.standard';
        }
        return stream.match(/^\s*\(/, false) ? 'variableName.function' : 'variableName';
      }
      if (stream.match(OPERATOR)) {
        return 'operator';
      }
      stream.next();
      if (ch === '(' || ch === '{' || ch === '[') state.openedAt.push(stream.indentation());
      if (ch === ')' || ch === '}' || ch === ']') state.openedAt.pop();
      if (ch === '(' || ch === ')') return 'paren';
      if (ch === '{' || ch === '}') return 'brace';
      if (ch === '[' || ch === ']') return 'squareBracket';
      if (ch === ',' || ch === ';') return 'separator';
      return null;
    },
    indent(state, textAfter, context): number | null {
      // Inside a multi-line string or comment the text is the user's: keep its indentation.
      if (state.open) return null;
      const { openedAt } = state;
      const closers = Math.min(leadingClosers(textAfter), openedAt.length);
      if (closers > 0) return openedAt[openedAt.length - closers];
      return openedAt.length ? openedAt[openedAt.length - 1] + context.unit : 0;
    },
    languageData: {
      // Typing a closing bracket first on a line re-indents the line (dedent on `}`).
      indentOnInput: /^\s*[}\])]$/,
      commentTokens: { line: '//', block: { open: '/*', close: '*/' } },
      closeBrackets: { brackets: ['(', '[', '{', '"', "'", '`'] },
    },
  };
}

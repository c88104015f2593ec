import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  Completion,
  CompletionContext,
  CompletionResult,
  CompletionSection,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  StreamLanguage,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import type { FunctionCatalog, FunctionInfo } from '@chariot/contract';
import { chariotStreamParser, FALLBACK_KEYWORDS, scriptNames } from '@chariot/charioteer-util';
import { chariotLinter } from './chariot-lint';

/** VS Code "Dark+" colours for Chariot tokens (the app's `--ch-syntax-*` custom properties). */
export const chariotHighlightStyle = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--ch-syntax-keyword)' },
  { tag: t.atom, color: 'var(--ch-syntax-atom)' },
  { tag: t.number, color: 'var(--ch-syntax-number)' },
  { tag: t.string, color: 'var(--ch-syntax-string)' },
  { tag: [t.lineComment, t.blockComment], color: 'var(--ch-syntax-comment)', fontStyle: 'italic' },
  { tag: t.standard(t.variableName), color: 'var(--ch-syntax-function)' },
  { tag: t.function(t.variableName), color: 'var(--ch-syntax-function)' },
  { tag: t.variableName, color: 'var(--ch-syntax-variable)' },
  { tag: t.operator, color: 'var(--ch-text)' },
  { tag: [t.paren, t.brace, t.squareBracket], color: 'var(--ch-syntax-bracket)' },
  { tag: t.separator, color: 'var(--ch-text)' },
]);

export const chariotEditorTheme = EditorView.theme(
  {
    '&': { height: '100%', backgroundColor: 'var(--ch-bg)', color: 'var(--ch-text)', fontSize: '14px' },
    '&.cm-focused': { outline: 'none' },
    '.cm-scroller': { fontFamily: 'var(--ch-font-mono)', lineHeight: '1.5' },
    '.cm-content': { caretColor: 'var(--ch-caret)' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--ch-caret)' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
      backgroundColor: 'var(--ch-selection)',
    },
    '.cm-gutters': { backgroundColor: 'var(--ch-bg)', color: '#858585', border: 'none' },
    '.cm-activeLine': { backgroundColor: 'var(--ch-bg-hover)' },
    '.cm-activeLineGutter': { backgroundColor: 'var(--ch-bg-hover)', color: '#c6c6c6' },
    '.cm-matchingBracket': { backgroundColor: '#0064001a', outline: '1px solid #888' },
    '.cm-tooltip': {
      backgroundColor: 'var(--ch-bg-panel)',
      color: 'var(--ch-text-soft)',
      border: '1px solid var(--ch-border-strong)',
    },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: '#04395e', color: 'var(--ch-text-bright)' },
    '.cm-completionInfo': { maxWidth: '360px' },
    '.cm-completionDetail': { color: 'var(--ch-text-muted)', fontStyle: 'normal', marginLeft: '8px' },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--ch-failure)' },
  },
  { dark: true },
);

function signature(fn: FunctionInfo): string {
  const max = fn.maxArgs === null ? '…' : String(fn.maxArgs);
  return fn.minArgs === fn.maxArgs ? `(${fn.minArgs} args)` : `(${fn.minArgs}–${max} args)`;
}

// Sections in the order the list shows them: the script's own names, keywords, then the
// builtins by category (sections without a rank come after, by name).
const SCRIPT_SECTION: CompletionSection = { name: 'In this script', rank: 0 };
const KEYWORD_SECTION: CompletionSection = { name: 'Keywords', rank: 1 };
const WORD = /[A-Za-z_][A-Za-z0-9_]*/;

/**
 * The script's own variables and functions first (scanned from the document, without the word
 * being typed), then keywords, then builtin functions with arity and one-line doc; completed by
 * prefix, or all of them on Ctrl+Space with nothing typed.
 */
export function chariotCompletionSource(catalog: FunctionCatalog) {
  const options: Completion[] = [
    ...catalog.keywords.map((word): Completion => ({ label: word, type: 'keyword', section: KEYWORD_SECTION })),
    ...catalog.functions.map(
      (fn): Completion => ({
        label: fn.name,
        type: 'function',
        detail: signature(fn),
        info: fn.doc,
        section: fn.category,
      }),
    ),
  ];
  const known = new Set(options.map((o) => o.label));
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(WORD);
    if (!context.explicit && (!word || word.from === word.to)) {
      return null;
    }
    const from = word?.from ?? context.pos;
    const to = word?.to ?? context.pos;
    const doc = context.state.doc;
    const own = scriptNames(doc.sliceString(0, from) + doc.sliceString(to))
      .filter(({ name }) => !known.has(name))
      .map(({ name, kind }): Completion => ({ label: name, type: kind, section: SCRIPT_SECTION }));
    return { from, options: [...own, ...options], validFor: /^[A-Za-z0-9_]*$/ };
  };
}

/** Highlighting, completion and diagnostics for a catalog; swapped in a Compartment when it loads. */
export function chariotLanguage(catalog: FunctionCatalog | null): Extension {
  const keywords = catalog?.keywords.length ? catalog.keywords : FALLBACK_KEYWORDS;
  const builtins = catalog?.functions.map((fn) => fn.name) ?? [];
  return [
    StreamLanguage.define(chariotStreamParser({ keywords, builtins })),
    autocompletion({
      override: [chariotCompletionSource({ keywords: [...keywords], functions: catalog?.functions ?? [] })],
      icons: false,
      // Nothing is selected when the list opens, so Enter makes a new line (`i` + Enter stays
      // `i`); ArrowDown/ArrowUp move into the list, and then Enter accepts.
      selectOnOpen: false,
    }),
    chariotLinter(catalog),
  ];
}

/**
 * The editor's fixed extensions. Tab and Shift+Tab indent; Escape then Tab leaves the editor
 * (CodeMirror's convention for keyboard users, see `indentWithTab`). The completion keys come
 * with `autocompletion()`.
 */
export function chariotBaseSetup(): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    lintGutter(),
    syntaxHighlighting(chariotHighlightStyle),
    chariotEditorTheme,
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...lintKeymap,
      indentWithTab,
    ]),
  ];
}

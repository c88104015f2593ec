import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  Completion,
  CompletionContext,
  CompletionResult,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
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
import { chariotStreamParser, FALLBACK_KEYWORDS } from '@chariot/charioteer-util';

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
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
      { backgroundColor: 'var(--ch-selection)' },
    '.cm-gutters': { backgroundColor: 'var(--ch-bg)', color: '#858585', border: 'none' },
    '.cm-activeLine': { backgroundColor: 'var(--ch-bg-hover)' },
    '.cm-activeLineGutter': { backgroundColor: 'var(--ch-bg-hover)', color: '#c6c6c6' },
    '.cm-matchingBracket': { backgroundColor: '#0064001a', outline: '1px solid #888' },
    '.cm-tooltip': { backgroundColor: 'var(--ch-bg-panel)', color: 'var(--ch-text-soft)', border: '1px solid var(--ch-border-strong)' },
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

/** Builtin functions (with arity and one-line doc) and keywords, completed by prefix. */
export function chariotCompletionSource(catalog: FunctionCatalog) {
  const options: Completion[] = [
    ...catalog.functions.map(
      (fn): Completion => ({
        label: fn.name,
        type: 'function',
        detail: signature(fn),
        info: fn.doc,
        section: fn.category,
      }),
    ),
    ...catalog.keywords.map((word): Completion => ({ label: word, type: 'keyword' })),
  ];
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
    if (!word || (word.from === word.to && !context.explicit)) {
      return null;
    }
    return { from: word.from, options, validFor: /^[A-Za-z0-9_]*$/ };
  };
}

/** Highlighting and completion for a catalog; swapped in a Compartment when it loads. */
export function chariotLanguage(catalog: FunctionCatalog | null): Extension {
  const keywords = catalog?.keywords.length ? catalog.keywords : FALLBACK_KEYWORDS;
  const builtins = catalog?.functions.map((fn) => fn.name) ?? [];
  return [
    StreamLanguage.define(chariotStreamParser({ keywords, builtins })),
    autocompletion({
      override: [chariotCompletionSource({ keywords: [...keywords], functions: catalog?.functions ?? [] })],
      icons: false,
    }),
  ];
}

/** The editor's fixed extensions (no Tab capture: Tab keeps moving focus for keyboard users). */
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
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
  ];
}

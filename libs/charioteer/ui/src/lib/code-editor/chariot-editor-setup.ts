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

/** VS Code "Dark+" colours for Chariot tokens. */
export const chariotHighlightStyle = HighlightStyle.define([
  { tag: t.keyword, color: '#c586c0' },
  { tag: t.atom, color: '#569cd6' },
  { tag: t.number, color: '#b5cea8' },
  { tag: t.string, color: '#ce9178' },
  { tag: [t.lineComment, t.blockComment], color: '#6a9955', fontStyle: 'italic' },
  { tag: t.standard(t.variableName), color: '#dcdcaa' },
  { tag: t.function(t.variableName), color: '#dcdcaa' },
  { tag: t.variableName, color: '#9cdcfe' },
  { tag: t.operator, color: '#d4d4d4' },
  { tag: [t.paren, t.brace, t.squareBracket], color: '#ffd700' },
  { tag: t.separator, color: '#d4d4d4' },
]);

export const chariotEditorTheme = EditorView.theme(
  {
    '&': { height: '100%', backgroundColor: '#1e1e1e', color: '#d4d4d4', fontSize: '14px' },
    '&.cm-focused': { outline: 'none' },
    '.cm-scroller': { fontFamily: "Consolas, 'Courier New', monospace", lineHeight: '1.5' },
    '.cm-content': { caretColor: '#aeafad' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#aeafad' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
      { backgroundColor: '#264f78' },
    '.cm-gutters': { backgroundColor: '#1e1e1e', color: '#858585', border: 'none' },
    '.cm-activeLine': { backgroundColor: '#2a2d2e' },
    '.cm-activeLineGutter': { backgroundColor: '#2a2d2e', color: '#c6c6c6' },
    '.cm-matchingBracket': { backgroundColor: '#0064001a', outline: '1px solid #888' },
    '.cm-tooltip': { backgroundColor: '#252526', color: '#cccccc', border: '1px solid #454545' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: '#04395e', color: '#fff' },
    '.cm-completionInfo': { maxWidth: '360px' },
    '.cm-completionDetail': { color: '#9d9d9d', fontStyle: 'normal', marginLeft: '8px' },
    '.cm-diagnostic-error': { borderLeftColor: '#f44747' },
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

import { diagnose } from '@chariot/language/syntax';
import type { FunctionCatalog } from '@chariot/contract';
import { Diagnostic, linter } from '@codemirror/lint';
import { EditorState, Extension, StateEffect, StateField, Text } from '@codemirror/state';

/** A script error to mark in the editor (1-based line and column, as the API reports). */
export interface EditorDiagnostic {
  line: number;
  column?: number;
  message: string;
}

/** Sets (or clears, with null) the error the last run reported. */
export const setRunDiagnostic = StateEffect.define<EditorDiagnostic | null>();

/**
 * The last run's error, as a range in the document. Any edit drops it: from then on the
 * diagnostics typed against are the parser's, which know the new text.
 */
export const runDiagnosticField = StateField.define<Diagnostic | null>({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setRunDiagnostic)) return effect.value && runDiagnostic(tr.state.doc, effect.value);
    }
    return tr.docChanged ? null : value;
  },
});

function runDiagnostic(doc: Text, { line, column, message }: EditorDiagnostic): Diagnostic {
  const { from, to } = diagnosticRange(doc.line(Math.min(Math.max(line, 1), doc.lines)), column);
  return { from, to, severity: 'error', message };
}

/**
 * Diagnostics as the user types, from the language library's own parser (`@chariot/language/syntax`
 * carries the lexer and parser only): the syntax error where the parser places it, and, once the
 * builtin catalogue has loaded, calls of names that nothing defines. The last run's error is
 * shown beside them until the next edit.
 */
export function chariotLinter(catalog: FunctionCatalog | null): Extension {
  const functions = catalog ? new Set(catalog.functions.map((fn) => fn.name)) : null;
  return [
    runDiagnosticField,
    linter((view) => chariotDiagnostics(view.state, functions), {
      delay: 300,
      // a run's error arriving is a reason to lint again, not only an edit
      needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(setRunDiagnostic))),
    }),
  ];
}

/** What the linter shows for `state`: the parser's findings, then the last run's error. */
export function chariotDiagnostics(state: EditorState, functions: ReadonlySet<string> | null): Diagnostic[] {
  const parsed = parserDiagnostics(state, functions);
  // a run's syntax error is the parser's own: mark it once
  const run = runDiagnostics(state).filter(
    (r) => !parsed.some((p) => p.from === r.from && r.message.includes(p.message)),
  );
  return [...parsed, ...run];
}

function parserDiagnostics(state: EditorState, functions: ReadonlySet<string> | null): Diagnostic[] {
  const doc = state.doc;
  return diagnose(doc.toString(), functions ?? new Set())
    .filter((d) => functions !== null || d.severity === 'error')
    .map((d) => {
      const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
      const range =
        d.severity === 'error'
          ? diagnosticRange(line, d.column)
          : { from: line.from + d.column - 1, to: line.from + d.column - 1 + d.length };
      return { ...range, severity: d.severity, message: d.message, source: 'chariot' };
    });
}

function runDiagnostics(state: EditorState): Diagnostic[] {
  const run = state.field(runDiagnosticField, false);
  return run ? [run] : [];
}

/**
 * The range to mark for an error at (1-based) `column` of `line`: the word (identifier or
 * number) that starts there, else the one character; at or past the end of the line (e.g.
 * "unexpected end of input") its last character, or the whole line, so the mark is visible.
 */
export function diagnosticRange(
  line: { from: number; to: number; text: string },
  column?: number,
): { from: number; to: number } {
  const offset = Math.max((column ?? 1) - 1, 0);
  if (offset >= line.text.length) {
    return line.text.length ? { from: line.to - 1, to: line.to } : { from: line.from, to: line.to };
  }
  const word = /^[\w$]+/.exec(line.text.slice(offset));
  return { from: line.from + offset, to: line.from + offset + (word ? word[0].length : 1) };
}

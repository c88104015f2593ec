import { EditorState } from '@codemirror/state';
import { chariotDiagnostics, runDiagnosticField, setRunDiagnostic } from './chariot-lint';

const BUILTINS = new Set(['logPrint', 'setq']);

const at = (doc: string, functions: ReadonlySet<string> | null = BUILTINS) =>
  chariotDiagnostics(EditorState.create({ doc, extensions: runDiagnosticField }), functions).map((d) => ({
    text: doc.slice(d.from, d.to),
    severity: d.severity,
    message: d.message,
  }));

describe('chariotDiagnostics', () => {
  it('marks a missing ) at the bracket the parser names, not lines later', () => {
    expect(at('logPrint(1)\nlogPrint("a" + 2\nlet b = 3\nlogPrint(b)')).toEqual([
      { text: '(', severity: 'error', message: "'(' opened at 2:9 is never closed ('let' at 3:1 cannot continue it)" },
    ]);
  });

  it('warns about calls of undefined names, the whole name marked, once the catalogue is known', () => {
    expect(at('setq(f, func(x) { x })\nf(1)\nlogPrnt(2)')).toEqual([
      { text: 'logPrnt', severity: 'warning', message: "undefined function 'logPrnt'" },
    ]);
    expect(at('logPrnt(2)', null)).toEqual([]);
  });

  it("shows the last run's error until the next edit, and a syntax error only once", () => {
    const doc = 'let x = 1\nlogPrint(nope)';
    let state = EditorState.create({ doc, extensions: runDiagnosticField });
    state = state.update({
      effects: setRunDiagnostic.of({ line: 2, column: 10, message: "variable 'nope' not defined" }),
    }).state;
    expect(chariotDiagnostics(state, BUILTINS).map((d) => [doc.slice(d.from, d.to), d.message])).toEqual([
      ['nope', "variable 'nope' not defined"],
    ]);
    state = state.update({ changes: { from: 0, insert: ' ' } }).state;
    expect(chariotDiagnostics(state, BUILTINS)).toEqual([]);

    const broken = 'logPrint(1';
    state = EditorState.create({ doc: broken, extensions: runDiagnosticField });
    state = state.update({
      effects: setRunDiagnostic.of({ line: 1, column: 9, message: "SYNTAX_ERROR: '(' opened at 1:9 is never closed" }),
    }).state;
    expect(chariotDiagnostics(state, BUILTINS)).toHaveLength(1);
  });
});

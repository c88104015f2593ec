import { getIndentation, indentUnit, StreamLanguage, StringStream } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { chariotStreamParser, ChariotTokenizerState } from './chariot-stream-parser';

/** Runs the tokenizer over source lines and returns [text, token] pairs (spaces dropped). */
function tokenize(source: string, builtins: string[] = ['logPrint', 'setq', 'add']): [string, string | null][] {
  const parser = chariotStreamParser({
    keywords: ['if', 'else', 'while', 'func', 'let', 'true', 'false', 'null'],
    builtins,
  });
  const state: ChariotTokenizerState = parser.startState ? parser.startState(2) : { open: null, openedAt: [] };
  const out: [string, string | null][] = [];
  for (const line of source.split('\n')) {
    const stream = new StringStream(line, 2, 2);
    while (!stream.eol()) {
      const style = parser.token(stream, state);
      const text = stream.current();
      if (text.trim()) out.push([text, style]);
      stream.start = stream.pos;
    }
  }
  return out;
}

describe('chariotStreamParser', () => {
  it('marks builtins, keywords, numbers, strings and operators in the seed script', () => {
    expect(tokenize('let x = 1 + 2;\nlogPrint("Result is: " + x);')).toEqual([
      ['let', 'keyword'],
      ['x', 'variableName'],
      ['=', 'operator'],
      ['1', 'number'],
      ['+', 'operator'],
      ['2', 'number'],
      [';', 'separator'],
      ['logPrint', 'variableName.standard'],
      ['(', 'paren'],
      ['"Result is: "', 'string'],
      ['+', 'operator'],
      ['x', 'variableName'],
      [')', 'paren'],
      [';', 'separator'],
    ]);
  });

  it('tells user function calls from plain names and constants', () => {
    expect(tokenize('myFn(true, null) { y }')).toEqual([
      ['myFn', 'variableName.function'],
      ['(', 'paren'],
      ['true', 'atom'],
      [',', 'separator'],
      ['null', 'atom'],
      [')', 'paren'],
      ['{', 'brace'],
      ['y', 'variableName'],
      ['}', 'brace'],
    ]);
  });

  it('handles line comments, block comments across lines and escaped quotes', () => {
    expect(tokenize("// note\n/* a\n b */ x 'it\\'s'")).toEqual([
      ['// note', 'lineComment'],
      ['/* a', 'blockComment'],
      [' b */', 'blockComment'],
      ['x', 'variableName'],
      ["'it\\'s'", 'string'],
    ]);
  });

  it('keeps raw backtick strings open across lines, with no escapes', () => {
    expect(tokenize('`a\\b\nc` if `x\\` y')).toEqual([
      ['`a\\b', 'string'],
      ['c`', 'string'],
      ['if', 'keyword'],
      ['`x\\`', 'string'],
      ['y', 'variableName'],
    ]);
  });

  it('highlights builtins only when the catalog names them', () => {
    expect(tokenize('logPrint(1)', [])[0]).toEqual(['logPrint', 'variableName.function']);
  });
});

describe('chariotStreamParser indentation', () => {
  // The indentation CodeMirror computes for a new line at the end of `before` (2-space unit).
  const indentAfter = (before: string, textAfter = ''): number | null => {
    const state = EditorState.create({
      doc: before + '\n' + textAfter,
      extensions: [StreamLanguage.define(chariotStreamParser()), indentUnit.of('  ')],
    });
    return getIndentation(state, before.length + 1);
  };

  it('indents one unit after an opening brace, however many brackets the line opened', () => {
    expect(indentAfter('if (x) {')).toBe(2);
    expect(indentAfter('setq(f, func(x) {')).toBe(2);
    expect(indentAfter('while (true) {\n  if (x) {')).toBe(4);
  });

  it('puts a closing brace back where its block was opened', () => {
    expect(indentAfter('if (x) {\n  a()', '}')).toBe(0);
    expect(indentAfter('setq(f, func(x) {\n  x', '})')).toBe(0);
    expect(indentAfter('while (true) {\n  if (x) {\n    a()', '}')).toBe(2);
  });

  it('keeps column 0 outside brackets and leaves multi-line strings alone', () => {
    expect(indentAfter('a()')).toBe(0);
    expect(indentAfter('logPrint("open')).toBeNull();
  });
});

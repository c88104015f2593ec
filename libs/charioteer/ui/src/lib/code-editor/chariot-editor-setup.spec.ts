import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { chariotCompletionSource } from './chariot-editor-setup';

describe('chariotCompletionSource', () => {
  const source = chariotCompletionSource({
    keywords: ['if', 'while'],
    functions: [{ name: 'logPrint', category: 'system', minArgs: 1, maxArgs: 2, doc: 'Writes a log entry' }],
  });

  const complete = (doc: string, explicit = false) => {
    const state = EditorState.create({ doc });
    return source(new CompletionContext(state, doc.length, explicit));
  };

  it('offers builtins with arity and doc, and keywords, for the word being typed', () => {
    const result = complete('lo');
    expect(result?.from).toBe(0);
    const logPrint = result?.options.find((o) => o.label === 'logPrint');
    expect(logPrint).toMatchObject({ type: 'function', detail: '(1–2 args)', info: 'Writes a log entry' });
    expect(result?.options.some((o) => o.label === 'while' && o.type === 'keyword')).toBe(true);
  });

  it('stays quiet outside a word unless asked, and offers everything when asked with nothing typed', () => {
    expect(complete('x = ')).toBeNull();
    const all = complete('let y = 1;\nx = ', true);
    expect(all?.from).toBe('let y = 1;\nx = '.length);
    expect(all?.options.map((o) => o.label)).toEqual(['y', 'x', 'if', 'while', 'logPrint']);
  });

  it("offers the script's own names in a section ranked before keywords and builtins, without the word being typed", () => {
    const result = complete('setq(loops, func(n) { n })\nlet lower = 1;\nlo');
    const own = result?.options.filter((o) => o.type === 'variable' || o.type === 'function') ?? [];
    expect(own.map((o) => [o.label, o.type])).toEqual([
      ['loops', 'function'],
      ['n', 'variable'],
      ['lower', 'variable'],
      ['logPrint', 'function'],
    ]);
    const rank = (label: string) => {
      const section = result?.options.find((o) => o.label === label)?.section;
      return typeof section === 'object' ? section.rank : undefined;
    };
    expect(rank('lower')).toBe(0);
    expect(rank('while')).toBe(1);
    expect(rank('logPrint')).toBeUndefined(); // a category: after the ranked sections
    expect(result?.options.some((o) => o.label === 'lo')).toBe(false);
  });
});

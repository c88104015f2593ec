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

  it('stays quiet outside a word unless asked', () => {
    expect(complete('x = ')).toBeNull();
  });
});

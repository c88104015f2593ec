import { EditorState } from '@codemirror/state';
import { breakpointLines, debuggerGutter, setBreakpoints, toggleBreakpoint } from './debugger-gutter';

describe('debugger gutter', () => {
  const doc = 'a()\nb()\nc()\nd()';
  const fresh = () => EditorState.create({ doc, extensions: debuggerGutter() });

  it('sets breakpoints on valid lines only, each once, in order', () => {
    const state = fresh().update({ effects: setBreakpoints.of([3, 1, 3, 0, 9, 2.5]) }).state;
    expect(breakpointLines(state)).toEqual([1, 3]);
  });

  it('toggles the breakpoint of the line holding a position', () => {
    let state = fresh();
    state = state.update({ effects: toggleBreakpoint.of(state.doc.line(2).from + 1) }).state;
    expect(breakpointLines(state)).toEqual([2]);
    state = state.update({ effects: toggleBreakpoint.of(state.doc.line(2).to) }).state;
    expect(breakpointLines(state)).toEqual([]);
  });

  it('keeps breakpoints on their statements while lines are added above them', () => {
    let state = fresh().update({ effects: setBreakpoints.of([2, 4]) }).state;
    state = state.update({ changes: { from: 0, insert: 'x()\ny()\n' } }).state;
    expect(breakpointLines(state)).toEqual([4, 6]);
    expect(state.doc.line(4).text).toBe('b()');
  });
});

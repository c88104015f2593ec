import { EditorState, Extension, RangeSet, StateEffect, StateField } from '@codemirror/state';
import { Decoration, DecorationSet, EditorView, gutter, GutterMarker, keymap } from '@codemirror/view';

/** Replaces all breakpoints with these (1-based) lines. */
export const setBreakpoints = StateEffect.define<readonly number[]>();
/** Adds or removes the breakpoint of the line starting at this position. */
export const toggleBreakpoint = StateEffect.define<number>();
/** The line a paused run stopped at (1-based), or null. */
export const setPausedLine = StateEffect.define<number | null>();

class BreakpointMarker extends GutterMarker {
  override toDOM(): Node {
    const dot = document.createElement('span');
    dot.className = 'cm-breakpoint';
    dot.setAttribute('aria-label', 'breakpoint');
    return dot;
  }
}
const breakpointMarker = new BreakpointMarker();

/** Gives the gutter its width while no line has a breakpoint. */
class SpacerMarker extends GutterMarker {
  override toDOM(): Node {
    const space = document.createElement('span');
    space.className = 'cm-breakpoint-spacer';
    return space;
  }
}

function lineStarts(state: EditorState, lines: readonly number[]): number[] {
  const valid = lines.filter((line) => Number.isInteger(line) && line >= 1 && line <= state.doc.lines);
  return [...new Set(valid)].sort((a, b) => a - b).map((line) => state.doc.line(line).from);
}

/** Breakpoints live on line starts and move with the text as it is edited. */
const breakpointField = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(set, tr) {
    set = set.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setBreakpoints)) {
        set = RangeSet.of(lineStarts(tr.state, effect.value).map((from) => breakpointMarker.range(from)));
      } else if (effect.is(toggleBreakpoint)) {
        const from = tr.state.doc.lineAt(effect.value).from;
        let present = false;
        set.between(from, from, () => {
          present = true;
        });
        set = present
          ? set.update({ filter: (start) => start !== from })
          : set.update({ add: [breakpointMarker.range(from)] });
      }
    }
    return set;
  },
});

/** The (1-based) lines holding a breakpoint, in order, each once. */
export function breakpointLines(state: EditorState): number[] {
  const lines = new Set<number>();
  const cursor = state.field(breakpointField).iter();
  for (; cursor.value; cursor.next()) lines.add(state.doc.lineAt(cursor.from).number);
  return [...lines].sort((a, b) => a - b);
}

const pausedLineDecoration = Decoration.line({ class: 'cm-paused-line', attributes: { 'data-testid': 'paused-line' } });

const pausedLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(set, tr) {
    set = set.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setPausedLine)) {
        const line = effect.value;
        set =
          line !== null && line >= 1 && line <= tr.state.doc.lines
            ? Decoration.set([pausedLineDecoration.range(tr.state.doc.line(line).from)])
            : Decoration.none;
      }
    }
    return set;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** A breakpoint gutter (left click, or F9 on the caret's line) and the paused-line highlight. */
export function debuggerGutter(): Extension {
  return [
    breakpointField,
    pausedLineField,
    gutter({
      class: 'cm-breakpoint-gutter',
      markers: (view) => view.state.field(breakpointField),
      initialSpacer: () => new SpacerMarker(),
      domEventHandlers: {
        mousedown(view, line, event) {
          // Only the primary button: a right click (context menu) or a middle click leaves it be.
          if ((event as MouseEvent).button !== 0) return false;
          view.dispatch({ effects: toggleBreakpoint.of(line.from) });
          return true;
        },
      },
    }),
    keymap.of([
      {
        key: 'F9',
        run(view) {
          view.dispatch({ effects: toggleBreakpoint.of(view.state.selection.main.head) });
          return true;
        },
      },
    ]),
    EditorView.baseTheme({
      '.cm-breakpoint-gutter': { width: '14px', cursor: 'pointer' },
      '.cm-breakpoint-gutter .cm-gutterElement': { display: 'flex', alignItems: 'center', justifyContent: 'center' },
      '.cm-breakpoint-spacer': { display: 'inline-block', width: '9px' },
      '.cm-breakpoint': {
        display: 'inline-block',
        width: '9px',
        height: '9px',
        borderRadius: '50%',
        backgroundColor: 'var(--ch-breakpoint)',
      },
      '.cm-paused-line': { backgroundColor: '#4b4b1880', outline: '1px solid #ffcc00' },
    }),
  ];
}

import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import type { FunctionCatalog, VariableSnapshot } from '@chariot/contract';
import { forceLinting } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { chariotBaseSetup, chariotLanguage } from './chariot-editor-setup';
import { EditorDiagnostic, setRunDiagnostic } from './chariot-lint';
import { breakpointLines, debuggerGutter, setBreakpoints, setPausedLine } from './debugger-gutter';
import { valueHover } from './value-hover';

const sameLines = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((line, i) => line === b[i]);

/**
 * CodeMirror 6 editor for Chariot. `value` in, `valueChange` out; Ctrl/Cmd+Enter emits
 * `runRequested` (and is marked handled, so the page's own shortcut does not fire twice).
 * Breakpoints (gutter click or F9) go out as sorted line numbers and follow edits; `pausedLine`
 * highlights where a debugged run stopped.
 */
@Component({
  selector: 'ch-code-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div #host class="host" data-testid="editor"></div>`,
  styles: `
    :host {
      display: block;
      height: 100%;
      min-height: 0;
    }
    .host {
      height: 100%;
    }
  `,
})
export class CodeEditorComponent {
  readonly value = input.required<string>();
  readonly catalog = input<FunctionCatalog | null>(null);
  readonly diagnostic = input<EditorDiagnostic | null>(null);
  readonly breakpoints = input<readonly number[]>([]);
  readonly pausedLine = input<number | null>(null);
  /** The variables of the paused frame, shown on hover; null when not paused. */
  readonly hoverVariables = input<readonly VariableSnapshot[] | null>(null);
  readonly ariaLabel = input('Chariot script');
  /** Put the caret in the editor once it is created (the IDE page: typing can start at once). */
  readonly focusOnStart = input(false);

  readonly valueChange = output<string>();
  readonly runRequested = output<void>();
  readonly breakpointsChange = output<number[]>();

  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  private readonly language = new Compartment();
  private view: EditorView | null = null;

  constructor() {
    afterNextRender(() => this.createView());

    // Outside changes (e.g. a file opened later) replace the document.
    effect(() => {
      const value = this.value();
      const view = this.view;
      if (view && value !== view.state.doc.toString()) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
      }
    });
    effect(() => {
      const catalog = this.catalog();
      this.view?.dispatch({ effects: this.language.reconfigure(chariotLanguage(catalog)) });
    });
    effect(() => {
      const lines = this.breakpoints();
      const view = this.view;
      if (view && !sameLines(lines, breakpointLines(view.state))) {
        view.dispatch({ effects: setBreakpoints.of(lines) });
      }
    });
    effect(() => {
      const line = this.pausedLine();
      const view = this.view;
      if (!view) return;
      const inDoc = line !== null && line >= 1 && line <= view.state.doc.lines;
      view.dispatch({
        effects: inDoc
          ? [setPausedLine.of(line), EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'center' })]
          : setPausedLine.of(null),
      });
    });
    effect(() => {
      const diagnostic = this.diagnostic();
      if (this.view) {
        this.showDiagnostic(this.view, diagnostic);
      }
    });

    inject(DestroyRef).onDestroy(() => {
      this.view?.destroy();
      this.view = null;
    });
  }

  /** Puts the caret in the editor. */
  focus(): void {
    this.view?.focus();
  }

  /** Puts the caret at (1-based) `line` and `column`, clamped to the document, in view, and focuses the editor. */
  goTo({ line, column = 1 }: { line: number; column?: number }): void {
    const view = this.view;
    if (!view) return;
    const target = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
    const anchor = Math.min(target.from + Math.max(column - 1, 0), target.to);
    view.dispatch({ selection: { anchor }, effects: EditorView.scrollIntoView(anchor, { y: 'center' }) });
    view.focus();
  }

  /** Replaces the selection with `text`, puts the caret `caret` characters into it, and focuses the editor. */
  insert(text: string, caret = text.length): void {
    const view = this.view;
    if (!view) return;
    const { from, to } = view.state.selection.main;
    view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + caret }, scrollIntoView: true });
    view.focus();
  }

  private createView(): void {
    const run = (): boolean => {
      this.runRequested.emit();
      return true;
    };
    this.view = new EditorView({
      parent: this.host().nativeElement,
      state: EditorState.create({
        doc: this.value(),
        extensions: [
          Prec.highest(
            keymap.of([
              { key: 'Mod-Enter', run },
              { key: 'Ctrl-Enter', run },
            ]),
          ),
          debuggerGutter(),
          valueHover((name) => this.hoverVariables()?.find((v) => v.name === name)),
          chariotBaseSetup(),
          this.language.of(chariotLanguage(this.catalog())),
          EditorView.contentAttributes.of({ 'aria-label': this.ariaLabel() }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              this.valueChange.emit(update.state.doc.toString());
            }
            const lines = breakpointLines(update.state);
            if (!sameLines(lines, breakpointLines(update.startState))) {
              this.breakpointsChange.emit(lines);
            }
          }),
        ],
      }),
    });
    this.view.dispatch({ effects: [setBreakpoints.of(this.breakpoints()), setPausedLine.of(this.pausedLine())] });
    this.showDiagnostic(this.view, this.diagnostic());
    if (this.focusOnStart()) this.view.focus();
  }

  private showDiagnostic(view: EditorView, diagnostic: EditorDiagnostic | null): void {
    view.dispatch({ effects: setRunDiagnostic.of(diagnostic) });
    // the effect scheduled a lint (see chariotLinter); show it now, not after the typing delay
    forceLinting(view);
  }
}

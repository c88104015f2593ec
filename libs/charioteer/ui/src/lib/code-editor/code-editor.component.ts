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
import type { FunctionCatalog } from '@chariot/contract';
import { setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { chariotBaseSetup, chariotLanguage } from './chariot-editor-setup';

/** A script error to mark in the editor (1-based line and column, as the API reports). */
export interface EditorDiagnostic {
  line: number;
  column?: number;
  message: string;
}

/**
 * CodeMirror 6 editor for Chariot. `value` in, `valueChange` out; Ctrl/Cmd+Enter emits
 * `runRequested` (and is marked handled, so the page's own shortcut does not fire twice).
 */
@Component({
  selector: 'ch-code-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div #host class="host" data-testid="editor"></div>`,
  styles: `
    :host { display: block; height: 100%; min-height: 0; }
    .host { height: 100%; }
  `,
})
export class CodeEditorComponent {
  readonly value = input.required<string>();
  readonly catalog = input<FunctionCatalog | null>(null);
  readonly diagnostic = input<EditorDiagnostic | null>(null);
  readonly ariaLabel = input('Chariot script');

  readonly valueChange = output<string>();
  readonly runRequested = output<void>();

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
          Prec.highest(keymap.of([
            { key: 'Mod-Enter', run },
            { key: 'Ctrl-Enter', run },
          ])),
          chariotBaseSetup(),
          this.language.of(chariotLanguage(this.catalog())),
          EditorView.contentAttributes.of({ 'aria-label': this.ariaLabel() }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              this.valueChange.emit(update.state.doc.toString());
            }
          }),
        ],
      }),
    });
    this.showDiagnostic(this.view, this.diagnostic());
  }

  private showDiagnostic(view: EditorView, diagnostic: EditorDiagnostic | null): void {
    if (!diagnostic) {
      view.dispatch(setDiagnostics(view.state, []));
      return;
    }
    const doc = view.state.doc;
    const line = doc.line(Math.min(Math.max(diagnostic.line, 1), doc.lines));
    // From the reported column to the end of the line; the whole line when the column is at
    // its end (e.g. "unexpected end of input"), so the mark is always visible.
    const to = line.to;
    const column = Math.min(line.from + Math.max((diagnostic.column ?? 1) - 1, 0), to);
    const from = column < to ? column : line.from;
    view.dispatch(setDiagnostics(view.state, [{ from, to, severity: 'error', message: diagnostic.message }]));
  }
}

import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

/** What the prompt asks: a name (`value` set) or a yes/no confirmation (`value` null). */
export interface PromptRequest {
  title: string;
  message?: string;
  /** Initial text of the input; null for a confirmation without input. */
  value: string | null;
  confirmLabel: string;
  danger?: boolean;
  /** Other answers, each a button that confirms with its `value` (e.g. reload / save as beside overwrite). */
  alternatives?: readonly { value: string; label: string }[];
}

/** A modal (native <dialog>: focus trap and Escape for free) asking for a name or a confirmation. */
@Component({
  selector: 'ch-prompt-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './prompt-dialog.component.html',
  styleUrl: './prompt-dialog.component.css',
})
export class PromptDialogComponent {
  /** Open while non-null. */
  readonly request = input<PromptRequest | null>(null);
  readonly error = input<string | null>(null);
  readonly busy = input(false);

  readonly confirmed = output<string>();
  readonly cancelled = output<void>();

  protected readonly text = signal('');
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly field = viewChild<ElementRef<HTMLInputElement>>('field');

  constructor() {
    effect(() => {
      const request = this.request();
      const dialog = this.dialog().nativeElement;
      if (request && !dialog.open) {
        this.text.set(request.value ?? '');
        dialog.showModal();
        setTimeout(() => {
          const field = this.field()?.nativeElement;
          if (field) {
            field.focus();
            // Select the base name, not the extension, as file managers do.
            const dot = field.value.lastIndexOf('.');
            field.setSelectionRange(0, dot > 0 ? dot : field.value.length);
          }
        }, 0);
      } else if (!request && dialog.open) {
        dialog.close();
      }
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.confirmed.emit(this.text().trim());
  }

  protected choose(value: string): void {
    this.confirmed.emit(value);
  }

  protected onClose(): void {
    if (this.request()) this.cancelled.emit();
  }
}

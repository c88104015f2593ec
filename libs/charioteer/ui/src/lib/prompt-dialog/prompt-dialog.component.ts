import { ChangeDetectionStrategy, Component, effect, ElementRef, input, output, signal, viewChild } from '@angular/core';

/** What the prompt asks: a name (`value` set) or a yes/no confirmation (`value` null). */
export interface PromptRequest {
  title: string;
  message?: string;
  /** Initial text of the input; null for a confirmation without input. */
  value: string | null;
  confirmLabel: string;
  danger?: boolean;
}

/** A modal (native <dialog>: focus trap and Escape for free) asking for a name or a confirmation. */
@Component({
  selector: 'ch-prompt-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog aria-labelledby="prompt-title" data-testid="prompt" (close)="onClose()">
      @if (request(); as r) {
        <form method="dialog" (submit)="submit($event)">
          <h2 id="prompt-title">{{ r.title }}</h2>
          @if (r.message) {
            <p class="message" data-testid="prompt-message">{{ r.message }}</p>
          }
          @if (r.value !== null) {
            <input #field data-testid="prompt-input" aria-labelledby="prompt-title" autocomplete="off"
              spellcheck="false" [value]="text()" (input)="text.set(field.value)" />
          }
          @if (error(); as message) {
            <p class="error" role="alert" data-testid="prompt-error">{{ message }}</p>
          }
          <div class="actions">
            <button type="button" class="secondary" data-testid="prompt-cancel" (click)="dialog.close()">Cancel</button>
            <button type="submit" data-testid="prompt-confirm" [class.danger]="r.danger"
              [disabled]="busy() || (r.value !== null && !text().trim())">{{ r.confirmLabel }}</button>
          </div>
        </form>
      }
    </dialog>
  `,
  styles: `
    dialog {
      width: 380px; padding: 20px 24px; background: #252526; color: #d4d4d4;
      border: 1px solid #454545; border-radius: 6px;
    }
    dialog::backdrop { background: rgb(0 0 0 / 50%); }
    h2 { margin: 0 0 12px; font-size: 15px; font-weight: 600; color: #fff; }
    .message { margin: 0 0 12px; font-size: 13px; }
    input {
      width: 100%; box-sizing: border-box; padding: 6px 8px; border: 1px solid #3c3c3c; border-radius: 3px;
      background: #3c3c3c; color: #d4d4d4; font: inherit; font-size: 13px;
    }
    input:focus-visible { outline: 1px solid #007acc; }
    .error { margin: 8px 0 0; color: #f48771; font-size: 12px; }
    .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
    button {
      padding: 5px 14px; border: 0; border-radius: 3px; background: #007acc; color: #fff; font: inherit;
      font-size: 13px; cursor: pointer;
    }
    button.secondary { background: #3c3c3c; }
    button.danger { background: #a1260d; }
    button:disabled { opacity: 0.55; cursor: default; }
    button:focus-visible { outline: 2px solid #fff; outline-offset: 1px; }
  `,
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

  protected onClose(): void {
    if (this.request()) this.cancelled.emit();
  }
}

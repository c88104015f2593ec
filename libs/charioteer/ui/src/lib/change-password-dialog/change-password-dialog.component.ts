import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** Minimum length the API accepts for a new password. */
export const MIN_PASSWORD_LENGTH = 8;

/** A modal (native <dialog>: focus trap and Escape for free) to change the password. */
@Component({
  selector: 'ch-change-password-dialog',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog aria-labelledby="password-title" (close)="closed.emit()">
      <form (ngSubmit)="submit()">
        <h2 id="password-title">Change password</h2>
        @if (mustChange()) {
          <p class="note">This account still uses its initial password. Choose a new one.</p>
        }
        <label for="current-password">Current password</label>
        <input id="current-password" name="current" type="password" autocomplete="current-password"
          data-testid="password-current" required [ngModel]="current()" (ngModelChange)="current.set($event)" />
        <label for="new-password">New password (at least {{ minLength }} characters)</label>
        <input id="new-password" name="next" type="password" autocomplete="new-password"
          data-testid="password-new" required [ngModel]="next()" (ngModelChange)="next.set($event)" />
        <label for="repeat-password">Repeat the new password</label>
        <input id="repeat-password" name="repeat" type="password" autocomplete="new-password"
          data-testid="password-repeat" required [ngModel]="repeat()" (ngModelChange)="repeat.set($event)" />
        @if (problem(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <div class="actions">
          <button type="button" class="secondary" (click)="dialog.close()">Cancel</button>
          <button type="submit" data-testid="password-submit" [disabled]="busy() || !!invalid()">
            {{ busy() ? 'Saving…' : 'Change password' }}
          </button>
        </div>
      </form>
    </dialog>
  `,
  styles: `
    dialog {
      width: 360px; padding: 24px 28px; background: #252526; color: #d4d4d4;
      border: 1px solid #454545; border-radius: 6px;
    }
    dialog::backdrop { background: rgb(0 0 0 / 50%); }
    form { display: flex; flex-direction: column; gap: 6px; }
    h2 { margin: 0 0 6px; font-size: 17px; font-weight: 600; color: #fff; }
    .note { margin: 0 0 6px; color: #dcdcaa; font-size: 13px; }
    label { margin-top: 6px; font-size: 12px; color: #cccccc; }
    input { padding: 7px 9px; background: #3c3c3c; color: #d4d4d4; border: 1px solid #3c3c3c; border-radius: 3px; font: inherit; }
    input:focus { outline: 1px solid #007acc; border-color: #007acc; }
    .error { margin: 6px 0 0; color: #f48771; font-size: 13px; }
    .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
    button { padding: 6px 14px; border: 0; border-radius: 3px; background: #007acc; color: #fff; font: inherit; cursor: pointer; }
    button.secondary { background: #3c3c3c; }
    button:disabled { opacity: 0.55; cursor: default; }
    button:focus-visible { outline: 2px solid #fff; outline-offset: 1px; }
  `,
})
export class ChangePasswordDialogComponent {
  readonly open = input(false);
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly mustChange = input(false);

  readonly submitted = output<PasswordChange>();
  readonly closed = output<void>();

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly current = signal('');
  protected readonly next = signal('');
  protected readonly repeat = signal('');

  /** Why the form cannot be sent yet (shown only once the user typed a new password). */
  protected readonly invalid = computed(() => {
    if (!this.current() || !this.next()) return 'empty';
    if (this.next().length < MIN_PASSWORD_LENGTH) return `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
    if (this.next() !== this.repeat()) return 'The new passwords do not match.';
    return null;
  });
  protected readonly problem = computed(() => {
    const invalid = this.invalid();
    return this.error() ?? (invalid && invalid !== 'empty' && this.repeat() ? invalid : null);
  });

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      if (this.open() && !dialog.open) {
        this.current.set('');
        this.next.set('');
        this.repeat.set('');
        dialog.showModal?.();
      } else if (!this.open() && dialog.open) {
        dialog.close();
      }
    });
  }

  protected submit(): void {
    if (!this.busy() && !this.invalid()) {
      this.submitted.emit({ currentPassword: this.current(), newPassword: this.next() });
    }
  }
}

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
  templateUrl: './change-password-dialog.component.html',
  styleUrl: './change-password-dialog.component.css',
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
    if (this.next().length < MIN_PASSWORD_LENGTH)
      return `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
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

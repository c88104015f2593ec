import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';

export interface LoginCredentials {
  username: string;
  password: string;
}

/** The login form: emits the credentials; the page decides what to do with them. */
@Component({
  selector: 'ch-login-form',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-form.component.html',
  styleUrl: './login-form.component.css',
})
export class LoginFormComponent {
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<LoginCredentials>();

  protected readonly username = signal('');
  protected readonly password = signal('');
  private readonly usernameInput = viewChild.required<ElementRef<HTMLInputElement>>('usernameInput');

  constructor() {
    // The first thing to type is the username: put the caret there.
    afterNextRender(() => this.usernameInput().nativeElement.focus());
  }

  protected submit(): void {
    if (this.busy() || !this.username() || !this.password()) {
      return;
    }
    this.submitted.emit({ username: this.username(), password: this.password() });
  }
}

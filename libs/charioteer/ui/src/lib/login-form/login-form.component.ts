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
  template: `
    <form class="card" (ngSubmit)="submit()" aria-labelledby="login-title">
      <h1 id="login-title">Charioteer</h1>
      <p class="subtitle">Sign in to run Chariot scripts</p>
      <label for="login-username">Username</label>
      <input
        #usernameInput
        id="login-username"
        name="username"
        data-testid="login-username"
        autocomplete="username"
        required
        [ngModel]="username()"
        (ngModelChange)="username.set($event)"
        [disabled]="busy()"
      />
      <label for="login-password">Password</label>
      <input
        id="login-password"
        name="password"
        type="password"
        data-testid="login-password"
        autocomplete="current-password"
        required
        [ngModel]="password()"
        (ngModelChange)="password.set($event)"
        [disabled]="busy()"
      />
      @if (error(); as message) {
        <p class="error" role="alert" data-testid="login-error">{{ message }}</p>
      }
      <button type="submit" data-testid="login-submit" [disabled]="busy() || !username() || !password()">
        {{ busy() ? 'Signing in…' : 'Sign in' }}
      </button>
    </form>
  `,
  styles: `
    :host { display: flex; align-items: center; justify-content: center; height: 100%; }
    .card {
      display: flex; flex-direction: column; gap: 6px; width: 320px; padding: 28px 32px;
      background: #252526; border: 1px solid #3c3c3c; border-radius: 6px;
    }
    h1 { margin: 0; font-size: 22px; font-weight: 600; color: #fff; }
    .subtitle { margin: 0 0 14px; color: #9d9d9d; font-size: 13px; }
    label { font-size: 12px; color: #cccccc; margin-top: 6px; }
    input {
      padding: 7px 9px; background: #3c3c3c; color: #d4d4d4; border: 1px solid #3c3c3c;
      border-radius: 3px; font: inherit;
    }
    input:focus { outline: 1px solid #007acc; border-color: #007acc; }
    button {
      margin-top: 16px; padding: 8px; background: #007acc; color: #fff; border: 0;
      border-radius: 3px; font: inherit; cursor: pointer;
    }
    button:hover:not(:disabled) { background: #1189d6; }
    button:focus-visible { outline: 2px solid #fff; outline-offset: 1px; }
    button:disabled { opacity: 0.6; cursor: default; }
    .error { margin: 8px 0 0; color: #f48771; font-size: 13px; }
  `,
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

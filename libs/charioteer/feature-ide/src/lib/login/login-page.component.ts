import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { ApiError, AuthService } from '@chariot/charioteer-data-access';
import { LoginCredentials, LoginFormComponent } from '@chariot/charioteer-ui';

@Component({
  selector: 'ch-login-page',
  imports: [LoginFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<ch-login-form [busy]="busy()" [error]="error()" (submitted)="login($event)" />`,
  styles: `
    :host {
      display: block;
      height: 100%;
    }
  `,
})
export class LoginPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected login({ username, password }: LoginCredentials): void {
    this.busy.set(true);
    this.error.set(null);
    this.auth.login(username, password).subscribe({
      next: () => {
        this.busy.set(false);
        const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl');
        void this.router.navigateByUrl(returnUrl?.startsWith('/') ? returnUrl : '/');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const apiError = ApiError.from(error);
        this.error.set(
          apiError.status === 401 ? 'Invalid username or password.' : apiError.body.message || 'Sign-in failed.',
        );
      },
    });
  }
}

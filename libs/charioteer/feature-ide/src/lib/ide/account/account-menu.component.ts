import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ApiError, AuthService } from '@chariot/charioteer-data-access';
import { ChangePasswordDialogComponent, PasswordChange } from '@chariot/charioteer-ui';

/**
 * The signed-in user in the toolbar: a warning while the account keeps its initial password,
 * the name (both open the change-password dialog, which this component drives) and Log out.
 */
@Component({
  selector: 'ch-account-menu',
  imports: [ChangePasswordDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account-menu.component.html',
  styleUrl: './account-menu.component.css',
})
export class AccountMenuComponent {
  private readonly auth = inject(AuthService);

  protected readonly profile = this.auth.profile;
  protected readonly open = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected changePassword({ currentPassword, newPassword }: PasswordChange): void {
    this.busy.set(true);
    this.error.set(null);
    this.auth.changePassword(currentPassword, newPassword).subscribe({
      next: () => {
        this.busy.set(false);
        this.open.set(false);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const body = ApiError.from(error).body;
        this.error.set(body.details?.length ? `${body.message}: ${body.details.join('; ')}` : body.message);
      },
    });
  }

  protected close(): void {
    this.open.set(false);
    this.error.set(null);
  }

  protected logout(): void {
    this.auth.logout().subscribe();
  }
}

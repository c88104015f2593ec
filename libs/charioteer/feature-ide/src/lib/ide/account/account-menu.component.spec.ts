import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ApiError, AuthService } from '@chariot/charioteer-data-access';
import { Observable, of, Subject, throwError } from 'rxjs';
import { AccountMenuComponent } from './account-menu.component';

describe('AccountMenuComponent', () => {
  const auth = {
    profile: signal<{ username: string; must_change_password: boolean } | null>(null),
    changePassword: jest.fn<Observable<void>, [string, string]>(),
    logout: jest.fn(() => of(undefined)),
  };

  async function render(mustChange: boolean) {
    auth.profile.set({ username: 'ada', must_change_password: mustChange });
    TestBed.configureTestingModule({ providers: [{ provide: AuthService, useValue: auth }] });
    const fixture = TestBed.createComponent(AccountMenuComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const q = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const dialog = () => root.querySelector('dialog') as HTMLDialogElement;
    const submit = async (current: string, next: string) => {
      for (const [id, value] of [
        ['password-current', current],
        ['password-new', next],
        ['password-repeat', next],
      ]) {
        const input = q(id) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event('input'));
      }
      await fixture.whenStable();
      (q('password-submit') as HTMLButtonElement).click();
      await fixture.whenStable();
    };
    return { fixture, q, dialog, submit };
  }

  beforeEach(() => {
    jest.clearAllMocks();
    // jsdom has <dialog> without showModal and close.
    // Seen as optional properties, since jsdom may lack them (not as methods read unbound).
    const dialog = HTMLDialogElement.prototype as {
      showModal?: (this: HTMLDialogElement) => void;
      close?: (this: HTMLDialogElement) => void;
    };
    dialog.showModal ??= function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    dialog.close ??= function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  it('warns about the initial password only while the account has it, and names the user', async () => {
    const { q } = await render(true);
    expect(q('default-password')).not.toBeNull();
    expect(q('user')?.textContent?.trim()).toBe('ada');
    TestBed.resetTestingModule();
    expect((await render(false)).q('default-password')).toBeNull();
  });

  it('changes the password from the dialog and closes it', async () => {
    const answer = new Subject<void>();
    auth.changePassword.mockReturnValue(answer);
    const { q, dialog, submit, fixture } = await render(true);
    q('default-password')?.click();
    await fixture.whenStable();
    expect(dialog().open).toBe(true);

    await submit('admin', 'brand-new-secret');
    expect(auth.changePassword).toHaveBeenCalledWith('admin', 'brand-new-secret');
    expect((q('password-submit') as HTMLButtonElement).disabled).toBe(true); // busy
    answer.next();
    answer.complete();
    await fixture.whenStable();
    expect(dialog().open).toBe(false);
  });

  it('keeps the dialog open with the reason and its details when the API refuses', async () => {
    const refusal = new ApiError(
      { code: 'VALIDATION_FAILED', message: 'Invalid body', details: ['newPassword too long'] },
      400,
    );
    auth.changePassword.mockReturnValue(throwError(() => refusal));
    const { q, dialog, submit, fixture } = await render(false);
    q('user')?.click();
    await fixture.whenStable();
    await submit('admin', 'brand-new-secret');
    expect(dialog().open).toBe(true);
    expect(dialog().querySelector('[role="alert"]')?.textContent?.trim()).toBe('Invalid body: newPassword too long');
  });

  it('logs out', async () => {
    const { q } = await render(false);
    q('logout')?.click();
    expect(auth.logout).toHaveBeenCalled();
  });
});

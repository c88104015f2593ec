import { TestBed } from '@angular/core/testing';
import { ChangePasswordDialogComponent, PasswordChange } from './change-password-dialog.component';

describe('ChangePasswordDialogComponent', () => {
  async function setup() {
    const fixture = TestBed.createComponent(ChangePasswordDialogComponent);
    fixture.componentRef.setInput('open', true);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const type = async (id: string, value: string) => {
      const input = el.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const submit = () => el.querySelector('[data-testid="password-submit"]') as HTMLButtonElement;
    const submitted: PasswordChange[] = [];
    fixture.componentInstance.submitted.subscribe((change) => submitted.push(change));
    return { el, type, submit, submitted };
  }

  it('requires a new password of at least 8 characters, typed twice', async () => {
    const { el, type, submit } = await setup();
    await type('password-current', 'admin');
    await type('password-new', 'short');
    await type('password-repeat', 'short');
    expect(submit().disabled).toBe(true);
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('at least 8');

    await type('password-new', 'long enough');
    await type('password-repeat', 'long enougH');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('do not match');
  });

  it('emits the change when the form is valid', async () => {
    const { type, submit, submitted } = await setup();
    await type('password-current', 'admin');
    await type('password-new', 'new-secret');
    await type('password-repeat', 'new-secret');
    expect(submit().disabled).toBe(false);
    submit().click();
    expect(submitted).toEqual([{ currentPassword: 'admin', newPassword: 'new-secret' }]);
  });
});

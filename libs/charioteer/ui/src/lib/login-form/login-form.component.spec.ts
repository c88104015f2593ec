import { TestBed } from '@angular/core/testing';
import { LoginCredentials, LoginFormComponent } from './login-form.component';

describe('LoginFormComponent', () => {
  it('emits the typed credentials on submit', async () => {
    const fixture = TestBed.createComponent(LoginFormComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const submitted: LoginCredentials[] = [];
    fixture.componentInstance.submitted.subscribe((c) => submitted.push(c));

    const type = (id: string, value: string) => {
      const input = el.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = el.querySelector('[data-testid="login-submit"]') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);

    type('login-username', 'admin');
    type('login-password', 'secret');
    await fixture.whenStable();
    expect(submit.disabled).toBe(false);
    submit.click();
    expect(submitted).toEqual([{ username: 'admin', password: 'secret' }]);
  });

  it('shows the error as an alert', async () => {
    const fixture = TestBed.createComponent(LoginFormComponent);
    fixture.componentRef.setInput('error', 'Invalid username or password.');
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Invalid username or password.');
  });
});

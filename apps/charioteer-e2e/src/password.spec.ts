import { byTestId, login } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

// The suite's own server: changing admin's password must not affect the other browser tests.
describe('Charioteer password change', () => {
  const ide = signedInIdeSuite({ pagePer: 'file' });

  const fill = async (current: string, next: string) => {
    await ide.page.locator(byTestId('password-current')).fill(current);
    await ide.page.locator(byTestId('password-new')).fill(next);
    await ide.page.locator(byTestId('password-repeat')).fill(next);
    await ide.page.locator(byTestId('password-submit')).click();
  };

  it('flags the default password, rejects a wrong current one without logging out, then changes it', async () => {
    const warning = ide.page.locator(byTestId('default-password'));
    await warning.click();

    await fill('not-admin', 'brand-new-secret');
    await ide.page.locator('dialog [role="alert"]', { hasText: 'Current password is wrong' }).waitFor();
    await expect(ide.page.locator(byTestId('editor')).count()).resolves.toBe(1);

    await fill('admin', 'brand-new-secret');
    await ide.page.locator('dialog[aria-labelledby="password-title"]').waitFor({ state: 'hidden' });
    await expect(warning.count()).resolves.toBe(0);

    await ide.page.locator(byTestId('logout')).click();
    await ide.page.locator(byTestId('login-username')).waitFor();
    await login(ide.page, 'admin', 'brand-new-secret');
    await expect(ide.page.locator(byTestId('default-password')).count()).resolves.toBe(0);
  });
});

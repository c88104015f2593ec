import { Browser, BrowserContext, Page } from 'playwright-core';
import { byTestId, launchBrowser, login } from './support/browser';
import { RunningServer, startServer } from './support/server';

// Its own server: changing admin's password must not affect the other browser tests.
describe('Charioteer password change', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  const fill = async (current: string, next: string) => {
    await page.locator(byTestId('password-current')).fill(current);
    await page.locator(byTestId('password-new')).fill(next);
    await page.locator(byTestId('password-repeat')).fill(next);
    await page.locator(byTestId('password-submit')).click();
  };

  it('flags the default password, rejects a wrong current one without logging out, then changes it', async () => {
    await page.goto(server.baseUrl);
    await login(page);
    const warning = page.locator(byTestId('default-password'));
    await warning.click();

    await fill('not-admin', 'brand-new-secret');
    await page.locator('dialog [role="alert"]', { hasText: 'Current password is wrong' }).waitFor();
    await expect(page.locator(byTestId('editor')).count()).resolves.toBe(1);

    await fill('admin', 'brand-new-secret');
    await page.locator('dialog[aria-labelledby="password-title"]').waitFor({ state: 'hidden' });
    await expect(warning.count()).resolves.toBe(0);

    await page.locator(byTestId('logout')).click();
    await page.locator(byTestId('login-username')).waitFor();
    await login(page, 'admin', 'brand-new-secret');
    await expect(page.locator(byTestId('default-password')).count()).resolves.toBe(0);
  });
});

import { Browser, Page } from 'playwright-core';
import { byTestId, launchBrowser, login, setScript, waitForStatus } from './support/browser';
import { RunningServer, startServer } from './support/server';

/** A page that records every Content-Security-Policy violation, from the first byte on. */
async function pageWatchingCsp(
  browser: Browser,
): Promise<{ page: Page; violations: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return { page, violations, close: () => context.close() };
}

describe('the Content-Security-Policy in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs the IDE without a violation: full stylesheet, highlighted editor, a streamed run', async () => {
    const { page, violations, close } = await pageWatchingCsp(browser);
    const response = await page.goto(server.baseUrl);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await login(page);
    // The stylesheet Angular loads with onload="this.media='all'" (allowed by its hash) applies.
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('link[rel="stylesheet"]')).every(
          (l) => (l as HTMLLinkElement).media === 'all',
        ),
      undefined,
      { timeout: 5_000 },
    );
    await setScript(page, 'logPrint("under the policy")\n1 + 2');
    await expect(page.locator(`${byTestId('editor')} .cm-content span[class]`).count()).resolves.toBeGreaterThan(0);
    await page.locator(byTestId('run')).click();
    await waitForStatus(page, 'succeeded');
    await expect(page.locator(byTestId('log-line')).textContent()).resolves.toContain('under the policy');
    expect(violations).toEqual([]);
    await close();
  });

  it('renders Swagger UI under the same policy, every operation listed', async () => {
    const { page, violations, close } = await pageWatchingCsp(browser);
    const response = await page.goto(`${server.baseUrl}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('.swagger-ui .opblock').first().waitFor();
    await expect(page.locator('.swagger-ui .opblock').count()).resolves.toBeGreaterThan(20);
    await expect(page.locator('.swagger-ui .info .title').textContent()).resolves.toContain('Chariot API');
    // Opening an operation renders its parameters and responses.
    await page.locator('.swagger-ui .opblock-summary', { hasText: '/api/executions' }).first().click();
    await page.locator('.swagger-ui .opblock-body').first().waitFor();
    expect(violations).toEqual([]);
    await close();
  });
});

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { allOutputRows, byTestId, launchBrowser, login, openIde, setScript, waitForStatus } from './support/browser';
import { RunningServer, startServer } from './support/server';

const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');

const LOOP = [
  'setq(total, 0)',
  'setq(i, 0)',
  'while(smaller(i, 3)) {',
  '  setq(total, add(total, i))',
  '  setq(i, add(i, 1))',
  '}',
  'logPrint("total " + total)',
  'total',
].join('\n');

describe('Charioteer debugs scripts', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    ({ context, page } = await openIde(browser, server.baseUrl));
    await login(page);
  });

  afterEach(async () => {
    await context?.close();
    if (server && !server.alive()) {
      throw new Error(`the server died during the test:\n${server.output().slice(-4000)}`);
    }
  });

  /** Clicks the breakpoint gutter beside the n-th (1-based) line. */
  async function toggleBreakpoint(line: number): Promise<void> {
    const gutter = await page.locator('.cm-breakpoint-gutter').boundingBox();
    const row = await page.locator(`${byTestId('editor')} .cm-line`).nth(line - 1).boundingBox();
    if (!gutter || !row) throw new Error('editor not laid out');
    await page.mouse.click(gutter.x + gutter.width / 2, row.y + row.height / 2);
  }

  const pausedAt = (line: number) =>
    page.locator(byTestId('debug-state'), { hasText: `Paused at line ${line}` }).waitFor({ timeout: 15_000 });

  const variable = (name: string) =>
    page.locator(`${byTestId('variable')}[data-name="${name}"] ${byTestId('variable-value')}`).textContent();

  it('stops at a breakpoint in a loop, shows the variables there, continues, steps, and follows a breakpoint moved while paused', async () => {
    await setScript(page, LOOP);
    await toggleBreakpoint(4);
    await expect(page.locator('.cm-breakpoint-gutter .cm-breakpoint').count()).resolves.toBe(1);

    await page.locator(byTestId('debug')).click();
    await pausedAt(4);
    await expect(page.locator(byTestId('paused-line')).textContent()).resolves.toBe('  setq(total, add(total, i))');
    await expect(variable('i')).resolves.toBe('0');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'charioteer-debugger.png') });

    await page.keyboard.press('F5'); // continue: the next iteration
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === '1',
      `${byTestId('variable')}[data-name="i"] ${byTestId('variable-value')}`,
    );
    await pausedAt(4);

    await page.locator(byTestId('debug-step_over')).click();
    await pausedAt(5);
    await expect(variable('total')).resolves.toBe('1');

    await page.keyboard.press('F5');
    await pausedAt(4);
    await expect(variable('i')).resolves.toBe('2');

    // Move the breakpoint while paused: off the loop, onto the logPrint after it.
    await toggleBreakpoint(4);
    await toggleBreakpoint(7);
    await expect(page.locator('.cm-breakpoint-gutter .cm-breakpoint').count()).resolves.toBe(1);
    await page.locator(byTestId('debug-continue')).click();
    await pausedAt(7);
    await expect(variable('total')).resolves.toBe('3');

    await page.locator(byTestId('debug-continue')).click();
    await waitForStatus(page, 'succeeded');
    await expect(page.locator(byTestId('debug-state')).count()).resolves.toBe(0);
    await expect(page.locator(byTestId('paused-line')).count()).resolves.toBe(0);
    await page.locator(`ch-variables-panel ${byTestId('tab-output')}`).click(); // the first pause showed the variables
    const rows = await allOutputRows(page);
    expect(rows.filter((row) => row.endsWith(' total 3'))).toHaveLength(1);
    expect(rows).toContain('Result: 3');
  });

  it('stops on the first line when no breakpoint is set, and cancels from the pause', async () => {
    await setScript(page, 'logPrint("never")\n1');
    await page.locator(byTestId('debug')).click();
    await pausedAt(1);
    await page.locator(byTestId('cancel')).click();
    await waitForStatus(page, 'cancelled', 5_000);
    await page.locator(`ch-variables-panel ${byTestId('tab-output')}`).click();
    const rows = await allOutputRows(page);
    expect(rows.some((row) => row.endsWith(' never'))).toBe(false);
  });
});

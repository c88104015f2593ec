import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Debian's chromium, headless, with everything that would reach the network switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** Signs in through the login form and waits for the IDE. */
export async function login(page: Page, username = 'admin', password = 'admin'): Promise<void> {
  await page.locator(byTestId('login-username')).fill(username);
  await page.locator(byTestId('login-password')).fill(password);
  await page.locator(byTestId('login-submit')).click();
  await page.locator(`${byTestId('editor')} .cm-content`).waitFor();
}

/** Replaces the editor's text as a user would (select all, then type). */
export async function setScript(page: Page, script: string): Promise<void> {
  const content = page.locator(`${byTestId('editor')} .cm-content`);
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText types the characters without key events, so auto-closing brackets and the
  // completion popup do not alter what lands in the document.
  await page.keyboard.insertText(script);
  await page.waitForFunction(
    ([selector, expected]) => {
      const lines = Array.from(document.querySelectorAll(`${selector} .cm-line`)).map((l) => l.textContent ?? '');
      return lines.join('\n') === expected;
    },
    [byTestId('editor'), script] as const,
  );
}

/** Texts of the output rows currently rendered, in order. */
export function outputRows(page: Page): Promise<string[]> {
  return page.locator(`${byTestId('output')} .row`).allTextContents();
}

/** Waits until the run status badge shows `status`. */
export function waitForStatus(page: Page, status: string, timeout = 30_000): Promise<void> {
  return page.locator(`${byTestId('status')}[data-status="${status}"]`).waitFor({ timeout });
}

/** A fresh 1280×720 context and page that records (and dismisses) every dialog. */
export async function openIde(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(baseUrl);
  return { context, page, dialogs };
}

/**
 * Texts of every output row, not only those the virtual scroller has in the DOM: scrolls the
 * output from top to bottom and collects the rows by their index.
 */
export function allOutputRows(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid="output"]') as HTMLElement;
    const total = Number(el.getAttribute('data-rows'));
    const rows = new Map<number, string>();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let top = 0; ; top += el.clientHeight / 2) {
      el.scrollTop = top;
      await frame();
      el.querySelectorAll('.row').forEach((row) =>
        rows.set(Number(row.getAttribute('data-index')), row.textContent ?? ''),
      );
      if (rows.size >= total || top > el.scrollHeight) break;
    }
    return Array.from({ length: total }, (_, i) => rows.get(i) ?? `<missing row ${i}>`);
  });
}

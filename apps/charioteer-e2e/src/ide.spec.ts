import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { byTestId, launchBrowser, login, outputRows, setScript } from './support/browser';
import { RunningServer, startServer } from './support/server';

const SEED_SCRIPT =
  'logPrint("Starting test");\nlet x = 1 + 2;\nlogPrint("Result is: " + x);\nlogPrint("Test complete");';
const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');
const TIME = '\\d{2}:\\d{2}:\\d{2}\\.\\d{3}';

describe('Charioteer in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dialogs: string[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.baseUrl);
  });

  afterEach(async () => {
    await context?.close();
    if (server && !server.alive()) {
      throw new Error(`the server died during the test:\n${server.output().slice(-4000)}`);
    }
  });

  const waitForStatus = (status: string) =>
    page.locator(`${byTestId('status')}[data-status="${status}"]`).waitFor({ timeout: 30_000 });

  it('logs in as admin/admin and streams the seed script: three INFO lines, then completion and result', async () => {
    await page.locator(byTestId('login-username')).waitFor();
    expect(page.url()).toBe(`${server.baseUrl}/sign-in`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'charioteer-sign-in.png') });
    await login(page);
    await setScript(page, SEED_SCRIPT);
    await expect(page.locator(byTestId('stream-toggle')).isChecked()).resolves.toBe(true);

    await page.locator(byTestId('run')).click();
    await page.locator(byTestId('result')).waitFor();
    await waitForStatus('succeeded');

    const rows = await outputRows(page);
    expect(rows[0]).toBe('Starting execution...');
    expect(rows[1]).toMatch(/^Execution ID: [0-9a-f-]{36}$/);
    expect(rows[2]).toBe('--- Streaming Logs ---');
    expect(rows[3]).toMatch(new RegExp(`^\\[INFO\\] ${TIME} Starting test$`));
    expect(rows[4]).toMatch(new RegExp(`^\\[INFO\\] ${TIME} Result is: 3$`));
    expect(rows[5]).toMatch(new RegExp(`^\\[INFO\\] ${TIME} Test complete$`));
    expect(rows[6]).toBe('--- Execution Complete ---');
    expect(rows[7]).toMatch(/^Result: /);
    expect(rows).toHaveLength(8);

    const logLines = page.locator(byTestId('log-line'));
    await expect(logLines.count()).resolves.toBe(3);
    for (const color of await logLines.evaluateAll((els) => els.map((el) => getComputedStyle(el).color))) {
      expect(color).toBe('rgb(78, 201, 176)'); // #4ec9b0
    }

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'charioteer-main.png') });
  });

  it('shows log text containing HTML as literal text and never runs it', async () => {
    await login(page);
    const payload = '<img src=x onerror=alert(1)>';
    await setScript(page, `logPrint("${payload}")`);
    await page.locator(byTestId('run')).click();
    await waitForStatus('succeeded');

    const line = page.locator(byTestId('log-line'));
    await expect(line.textContent()).resolves.toMatch(new RegExp(`^\\[INFO\\] ${TIME} <img src=x onerror=alert\\(1\\)>$`));
    await expect(page.locator(`${byTestId('output')} img`).count()).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it('runs synchronously when Stream Logs is unchecked and shows the result', async () => {
    await login(page);
    await setScript(page, 'logPrint("Test"); 1+2');
    await page.locator(byTestId('stream-toggle')).uncheck();
    await page.locator(byTestId('run')).click();
    await waitForStatus('succeeded');

    await expect(page.locator(byTestId('result')).textContent()).resolves.toBe('Result: 3');
    const rows = await outputRows(page);
    expect(rows).not.toContain('--- Streaming Logs ---');
    expect(rows).toContain('--- Execution Complete ---');
    expect(rows.some((row) => row.startsWith('Execution ID:'))).toBe(false);
  });

  it('cancels a runaway while(true){} and shows it cancelled', async () => {
    await login(page);
    await setScript(page, 'while(true){}');
    await page.locator(byTestId('run')).click();
    const cancel = page.locator(byTestId('cancel'));
    await cancel.waitFor();
    await waitForStatus('running');
    await cancel.click();
    await waitForStatus('cancelled');

    await expect(page.locator(byTestId('status')).textContent()).resolves.toContain('Cancelled');
    await expect(cancel.count()).resolves.toBe(0);
    const rows = await outputRows(page);
    expect(rows).toContain('--- Execution Complete ---');
  });

  it('runs with Ctrl+Enter from the editor and marks a syntax error with its line', async () => {
    await login(page);
    await setScript(page, 'logPrint("ok")\nadd(1, ');
    await page.keyboard.press('Control+Enter');
    await waitForStatus('failed');

    await expect(page.locator(byTestId('result')).textContent()).resolves.toMatch(/^Error: SYNTAX_ERROR: .*line 2/);
    await page.locator(`${byTestId('editor')} .cm-lintRange-error`).first().waitFor();
    // Ctrl+Enter ran the script and did not also insert a line.
    const lines = await page.locator(`${byTestId('editor')} .cm-line`).count();
    expect(lines).toBe(2);
  });

  it('virtual-scrolls a long log, colours every level and follows the tail until the user scrolls up', async () => {
    await login(page);
    await setScript(
      page,
      'logPrint("d", "debug"); logPrint("w", "warn"); logPrint("e", "error");\n' +
        'let i = 0; while(i < 3000){ logPrint("line " + i); i = i + 1; }',
    );
    await page.locator(byTestId('run')).click();
    await waitForStatus('succeeded');
    await page.locator(byTestId('result')).waitFor();

    // Only the rows in view (plus a buffer) exist in the DOM, and the last one is in view.
    const rendered = await page.locator(`${byTestId('output')} .row`).count();
    expect(rendered).toBeLessThan(150);
    const viewport = page.locator(byTestId('output'));
    const box = await viewport.boundingBox();
    const resultBox = await page.locator(byTestId('result')).boundingBox();
    expect(box && resultBox && resultBox.y + resultBox.height <= box.y + box.height + 1).toBe(true);
    await expect(page.getByText('3003 log entries').count()).resolves.toBe(1);

    // Scrolled to the top: the first rows are back, with their level colours.
    await viewport.evaluate((el) => el.scrollTo({ top: 0 }));
    await page.locator(byTestId('follow')).waitFor();
    const colours = await page
      .locator(byTestId('log-line'))
      .evaluateAll((els) => els.slice(0, 3).map((el) => [el.textContent?.slice(0, 7), getComputedStyle(el).color]));
    expect(colours).toEqual([
      ['[DEBUG]', 'rgb(86, 156, 214)'],
      ['[WARN] ', 'rgb(220, 220, 170)'],
      ['[ERROR]', 'rgb(244, 71, 71)'],
    ]);
  });

  it('highlights Chariot and completes builtin names with their one-line doc', async () => {
    await login(page);
    await setScript(page, 'let x = 1;\n');
    const colourOf = (text: string) =>
      page
        .locator(`${byTestId('editor')} .cm-line span`, { hasText: new RegExp(`^${text}$`) })
        .first()
        .evaluate((el) => getComputedStyle(el).color);
    await expect(colourOf('let')).resolves.toBe('rgb(197, 134, 192)');

    await page.keyboard.type('logPr');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'logPrint' }).first();
    await option.waitFor();
    await page.locator('.cm-completionInfo', { hasText: 'writes a log entry' }).waitFor();
    await page.waitForTimeout(200); // CodeMirror ignores Enter right after the list opens
    await page.keyboard.press('Enter');
    await expect(page.locator(`${byTestId('editor')} .cm-line`).nth(1).textContent()).resolves.toBe('logPrint');
    await expect(colourOf('logPrint')).resolves.toBe('rgb(220, 220, 170)');
  });

  it('finds a builtin in the function library and inserts a call to it at the caret', async () => {
    await login(page);
    await setScript(page, 'let shout = ;');
    // The caret goes back before the ';', where the call must land.
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.locator(byTestId('tab-functions')).click();
    const entries = page.locator(byTestId('function-entry'));
    await entries.first().waitFor();
    expect(await entries.count()).toBeGreaterThan(200);

    await page.locator(byTestId('function-search')).fill('upper');
    const upper = page.locator(`${byTestId('function-entry')}[data-name="upper"]`);
    await expect(upper.locator('.signature').textContent()).resolves.toBe('upper(a)');
    expect(await entries.count()).toBeLessThan(10);
    await page.screenshot({ path: join(SCREENSHOTS, 'charioteer-functions.png') });
    await upper.click();

    // The caret sits between the parentheses, so typing fills in the argument.
    await page.keyboard.insertText('"chariot"');
    await page.keyboard.press('End');
    await page.keyboard.insertText(' shout');
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === 'let shout = upper("chariot"); shout',
      `${byTestId('editor')} .cm-line`,
    );
    await page.locator(byTestId('run')).click();
    await waitForStatus('succeeded');
    await expect(page.locator(byTestId('result')).textContent()).resolves.toBe('Result: "CHARIOT"');
  });

  it('shows the variables a run left defined, as text, in the Variables view', async () => {
    await login(page);
    await setScript(
      page,
      [
        'setq(total, 0)',
        'declareGlobal(limit, "N", 3)',
        'setq(i, 0)',
        'while(smaller(i, limit)) { setq(total, add(total, i)); setq(i, add(i, 1)) }',
        'setq(note, "<img src=x onerror=alert(1)>")',
        'total',
      ].join('\n'),
    );
    await page.locator(byTestId('run')).click();
    await waitForStatus('succeeded');
    const logRows = await outputRows(page);

    await page.locator(`ch-output-panel ${byTestId('tab-variables')}`).click();
    const rows = page.locator(byTestId('variable'));
    await rows.first().waitFor();
    const table = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-name'), tr.getAttribute('data-type'), tr.querySelector('[data-testid="variable-value"]')?.textContent]),
    );
    expect(table).toEqual([
      ['limit', 'N', '3'],
      ['i', 'N', '3'],
      ['note', 'S', '<img src=x onerror=alert(1)>'],
      ['total', 'N', '3'],
    ]);
    await expect(page.locator(`${byTestId('variable')}[data-name="limit"] .global`).count()).resolves.toBe(1);
    await expect(page.locator(`ch-variables-panel img`).count()).resolves.toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'charioteer-variables.png') });

    // Back on the log, nothing was lost.
    await page.locator(`ch-variables-panel ${byTestId('tab-output')}`).click();
    await page.locator(byTestId('result')).waitFor();
    await expect(outputRows(page)).resolves.toEqual(logRows);
    expect(dialogs).toEqual([]);
  });

  it('inspects a synchronous run too', async () => {
    await login(page);
    await setScript(page, 'setq(answer, 42); answer');
    await page.locator(byTestId('stream-toggle')).uncheck();
    await page.locator(byTestId('run')).click();
    await waitForStatus('succeeded');
    await page.locator(`ch-output-panel ${byTestId('tab-variables')}`).click();
    const answer = page.locator(`${byTestId('variable')}[data-name="answer"] ${byTestId('variable-value')}`);
    await answer.waitFor();
    await expect(answer.textContent()).resolves.toBe('42');
  });

  it('works from the keyboard alone: sign in, reach Run with Tab, run', async () => {
    await page.locator(byTestId('login-username')).waitFor();
    await page.keyboard.type('admin'); // the username field has the focus
    await page.keyboard.press('Tab');
    await page.keyboard.type('admin');
    await page.keyboard.press('Enter');
    await page.locator(`${byTestId('editor')} .cm-content`).waitFor();

    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['testid']);
    for (let i = 0; i < 5 && (await focused()) !== 'run'; i++) {
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toBe('run');
    await page.keyboard.press('Enter');
    await waitForStatus('succeeded');
    await expect(page.locator(byTestId('log-line')).count()).resolves.toBe(3);
  });

  it('returns to the login screen on 401 and keeps the editor text', async () => {
    await login(page);
    await setScript(page, 'logPrint("kept")');
    await context.clearCookies();
    await page.locator(byTestId('run')).click();

    await page.locator(byTestId('login-username')).waitFor();
    await login(page);
    const text = await page.locator(`${byTestId('editor')} .cm-content`).textContent();
    expect(text).toBe('logPrint("kept")');
  });
});

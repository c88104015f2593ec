import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { byTestId, login, outputRows, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const SEED_SCRIPT =
  'logPrint("Starting test");\nlet x = 1 + 2;\nlogPrint("Result is: " + x);\nlogPrint("Test complete");';
const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');
const TIME = '\\d{2}:\\d{2}:\\d{2}\\.\\d{3}';

describe('Charioteer in a real browser', () => {
  const ide = signedInIdeSuite({ signIn: false });

  it('logs in as admin/admin and streams the seed script: three INFO lines, then completion and result', async () => {
    await ide.page.locator(byTestId('login-username')).waitFor();
    expect(ide.page.url()).toBe(`${ide.server.baseUrl}/sign-in`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-sign-in.png') });
    await login(ide.page);
    await setScript(ide.page, SEED_SCRIPT);
    await expect(ide.page.locator(byTestId('stream-toggle')).isChecked()).resolves.toBe(true);

    await ide.page.locator(byTestId('run')).click();
    await ide.page.locator(byTestId('result')).waitFor();
    await waitForStatus(ide.page, 'succeeded');

    const rows = await outputRows(ide.page);
    expect(rows[0]).toBe('Starting execution...');
    expect(rows[1]).toMatch(/^Execution ID: [0-9a-f-]{36}$/);
    expect(rows[2]).toBe('--- Streaming Logs ---');
    expect(rows[3]).toMatch(new RegExp(`^\\[INFO\\] ${TIME} Starting test$`));
    expect(rows[4]).toMatch(new RegExp(`^\\[INFO\\] ${TIME} Result is: 3$`));
    expect(rows[5]).toMatch(new RegExp(`^\\[INFO\\] ${TIME} Test complete$`));
    expect(rows[6]).toBe('--- Execution Complete ---');
    expect(rows[7]).toMatch(/^Result: /);
    expect(rows).toHaveLength(8);

    const logLines = ide.page.locator(byTestId('log-line'));
    await expect(logLines.count()).resolves.toBe(3);
    for (const color of await logLines.evaluateAll((els) => els.map((el) => getComputedStyle(el).color))) {
      expect(color).toBe('rgb(78, 201, 176)'); // #4ec9b0
    }

    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-main.png') });
  });

  it('shows log text containing HTML as literal text and never runs it', async () => {
    await login(ide.page);
    const payload = '<img src=x onerror=alert(1)>';
    await setScript(ide.page, `logPrint("${payload}")`);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');

    const line = ide.page.locator(byTestId('log-line'));
    await expect(line.textContent()).resolves.toMatch(
      new RegExp(`^\\[INFO\\] ${TIME} <img src=x onerror=alert\\(1\\)>$`),
    );
    await expect(ide.page.locator(`${byTestId('output')} img`).count()).resolves.toBe(0);
    await ide.page.waitForTimeout(300);
    expect(ide.dialogs).toEqual([]);
  });

  it('runs synchronously when Stream Logs is unchecked and shows the result', async () => {
    await login(ide.page);
    await setScript(ide.page, 'logPrint("Test"); 1+2');
    await ide.page.locator(byTestId('stream-toggle')).uncheck();
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');

    await expect(ide.page.locator(byTestId('result')).textContent()).resolves.toBe('Result: 3');
    const rows = await outputRows(ide.page);
    expect(rows).not.toContain('--- Streaming Logs ---');
    expect(rows).toContain('--- Execution Complete ---');
    expect(rows.some((row) => row.startsWith('Execution ID:'))).toBe(false);
  });

  it('cancels a runaway while(true){} and shows it cancelled', async () => {
    await login(ide.page);
    await setScript(ide.page, 'while(true){}');
    await ide.page.locator(byTestId('run')).click();
    const cancel = ide.page.locator(byTestId('cancel'));
    await cancel.waitFor();
    await waitForStatus(ide.page, 'running');
    await cancel.click();
    await waitForStatus(ide.page, 'cancelled');

    await expect(ide.page.locator(byTestId('status')).textContent()).resolves.toContain('Cancelled');
    await expect(cancel.count()).resolves.toBe(0);
    const rows = await outputRows(ide.page);
    expect(rows).toContain('--- Execution Complete ---');
  });

  it('runs with Ctrl+Enter from the editor and marks a syntax error with its line', async () => {
    await login(ide.page);
    await setScript(ide.page, 'logPrint("ok")\nadd(1, ');
    await ide.page.keyboard.press('Control+Enter');
    await waitForStatus(ide.page, 'failed');

    await expect(ide.page.locator(byTestId('result')).textContent()).resolves.toMatch(/^Error: SYNTAX_ERROR: .*line 2/);
    await ide.page
      .locator(`${byTestId('editor')} .cm-lintRange-error`)
      .first()
      .waitFor();
    // Ctrl+Enter ran the script and did not also insert a line.
    const lines = await ide.page.locator(`${byTestId('editor')} .cm-line`).count();
    expect(lines).toBe(2);
  });

  it('virtual-scrolls a long log, colours every level and follows the tail until the user scrolls up', async () => {
    await login(ide.page);
    await setScript(
      ide.page,
      'logPrint("d", "debug"); logPrint("w", "warn"); logPrint("e", "error");\n' +
        'let i = 0; while(i < 3000){ logPrint("line " + i); i = i + 1; }',
    );
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    await ide.page.locator(byTestId('result')).waitFor();

    // Only the rows in view (plus a buffer) exist in the DOM, and the last one is in view.
    const rendered = await ide.page.locator(`${byTestId('output')} .row`).count();
    expect(rendered).toBeLessThan(150);
    const viewport = ide.page.locator(byTestId('output'));
    const box = await viewport.boundingBox();
    const resultBox = await ide.page.locator(byTestId('result')).boundingBox();
    expect(box && resultBox && resultBox.y + resultBox.height <= box.y + box.height + 1).toBe(true);
    await expect(ide.page.getByText('3003 log entries').count()).resolves.toBe(1);

    // Scrolled to the top: the first rows are back, with their level colours.
    await viewport.evaluate((el) => el.scrollTo({ top: 0 }));
    await ide.page.locator(byTestId('follow')).waitFor();
    const colours = await ide.page
      .locator(byTestId('log-line'))
      .evaluateAll((els) => els.slice(0, 3).map((el) => [el.textContent?.slice(0, 7), getComputedStyle(el).color]));
    expect(colours).toEqual([
      ['[DEBUG]', 'rgb(86, 156, 214)'],
      ['[WARN] ', 'rgb(220, 220, 170)'],
      ['[ERROR]', 'rgb(244, 71, 71)'],
    ]);
  });

  it('highlights Chariot and completes builtin names with their one-line doc', async () => {
    await login(ide.page);
    await setScript(ide.page, 'let x = 1;\n');
    const colourOf = (text: string) =>
      ide.page
        .locator(`${byTestId('editor')} .cm-line span`, { hasText: new RegExp(`^${text}$`) })
        .first()
        .evaluate((el) => getComputedStyle(el).color);
    await expect(colourOf('let')).resolves.toBe('rgb(197, 134, 192)');

    await ide.page.keyboard.type('logPr');
    const option = ide.page.locator('.cm-tooltip-autocomplete li', { hasText: 'logPrint' }).first();
    await option.waitFor();
    // Nothing is selected until the user moves into the list; then its doc shows, and Enter accepts.
    // CodeMirror takes no keys for a moment after the list opens: press until an option is selected.
    const selected = ide.page.locator('.cm-tooltip-autocomplete li[aria-selected="true"]');
    do await ide.page.keyboard.press('ArrowDown');
    while (
      !(await selected.waitFor({ timeout: 1000 }).then(
        () => true,
        () => false,
      ))
    );
    await ide.page.locator('.cm-completionInfo', { hasText: 'writes a log entry' }).waitFor();
    await ide.page.waitForTimeout(200); // CodeMirror ignores Enter right after the list opens
    await ide.page.keyboard.press('Enter');
    await expect(
      ide.page
        .locator(`${byTestId('editor')} .cm-line`)
        .nth(1)
        .textContent(),
    ).resolves.toBe('logPrint');
    await expect(colourOf('logPrint')).resolves.toBe('rgb(220, 220, 170)');
  });

  it('finds a builtin in the function library and inserts a call to it at the caret', async () => {
    await login(ide.page);
    await setScript(ide.page, 'let shout = ;');
    // The caret goes back before the ';', where the call must land.
    await ide.page.keyboard.press('End');
    await ide.page.keyboard.press('ArrowLeft');
    await ide.page.locator(byTestId('tab-functions')).click();
    const entries = ide.page.locator(byTestId('function-entry'));
    await entries.first().waitFor();
    expect(await entries.count()).toBeGreaterThan(200);

    await ide.page.locator(byTestId('function-search')).fill('upper');
    const upper = ide.page.locator(`${byTestId('function-entry')}[data-name="upper"]`);
    await expect(upper.locator('.signature').textContent()).resolves.toBe('upper(a)');
    expect(await entries.count()).toBeLessThan(10);
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-functions.png') });
    await upper.click();

    // The caret sits between the parentheses, so typing fills in the argument.
    await ide.page.keyboard.insertText('"chariot"');
    await ide.page.keyboard.press('End');
    await ide.page.keyboard.insertText(' shout');
    await ide.page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === 'let shout = upper("chariot"); shout',
      `${byTestId('editor')} .cm-line`,
    );
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    await expect(ide.page.locator(byTestId('result')).textContent()).resolves.toBe('Result: "CHARIOT"');
  });

  it('shows the variables a run left defined, as text, in the Variables view', async () => {
    await login(ide.page);
    await setScript(
      ide.page,
      [
        'setq(total, 0)',
        'declareGlobal(limit, "N", 3)',
        'setq(i, 0)',
        'while(smaller(i, limit)) { setq(total, add(total, i)); setq(i, add(i, 1)) }',
        'setq(note, "<img src=x onerror=alert(1)>")',
        'total',
      ].join('\n'),
    );
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    const logRows = await outputRows(ide.page);

    await ide.page.locator(`ch-output-panel ${byTestId('tab-variables')}`).click();
    const rows = ide.page.locator(byTestId('variable'));
    await rows.first().waitFor();
    const table = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-name'),
        tr.getAttribute('data-type'),
        tr.querySelector('[data-testid="variable-value"]')?.textContent,
      ]),
    );
    expect(table).toEqual([
      ['limit', 'N', '3'],
      ['i', 'N', '3'],
      ['note', 'S', '<img src=x onerror=alert(1)>'],
      ['total', 'N', '3'],
    ]);
    await expect(ide.page.locator(`${byTestId('variable')}[data-name="limit"] .global`).count()).resolves.toBe(1);
    await expect(ide.page.locator(`ch-variables-panel img`).count()).resolves.toBe(0);
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-variables.png') });

    // Back on the log, nothing was lost.
    await ide.page.locator(`ch-variables-panel ${byTestId('tab-output')}`).click();
    await ide.page.locator(byTestId('result')).waitFor();
    await expect(outputRows(ide.page)).resolves.toEqual(logRows);
    expect(ide.dialogs).toEqual([]);
  });

  it('inspects a synchronous run too', async () => {
    await login(ide.page);
    await setScript(ide.page, 'setq(answer, 42); answer');
    await ide.page.locator(byTestId('stream-toggle')).uncheck();
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    await ide.page.locator(`ch-output-panel ${byTestId('tab-variables')}`).click();
    const answer = ide.page.locator(`${byTestId('variable')}[data-name="answer"] ${byTestId('variable-value')}`);
    await answer.waitFor();
    await expect(answer.textContent()).resolves.toBe('42');
  });

  it('works from the keyboard alone: sign in, leave the editor with Escape, reach Run with Shift+Tab, run', async () => {
    await ide.page.locator(byTestId('login-username')).waitFor();
    await ide.page.keyboard.type('admin'); // the username field has the focus
    await ide.page.keyboard.press('Tab');
    await ide.page.keyboard.type('admin');
    await ide.page.keyboard.press('Enter');
    await ide.page.locator(`${byTestId('editor')} .cm-content`).waitFor();

    const focused = () => ide.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['testid']);
    // The caret starts in the editor, where Tab indents: Escape, then Tab moves on.
    await ide.page.keyboard.press('Escape');
    for (let i = 0; i < 30 && (await focused()) !== 'run'; i++) {
      await ide.page.keyboard.press('Shift+Tab');
    }
    expect(await focused()).toBe('run');
    await ide.page.keyboard.press('Enter');
    await waitForStatus(ide.page, 'succeeded');
    await expect(ide.page.locator(byTestId('log-line')).count()).resolves.toBe(3);
  });

  it('returns to the login screen on 401 and keeps the editor text', async () => {
    await login(ide.page);
    await setScript(ide.page, 'logPrint("kept")');
    await ide.context.clearCookies();
    await ide.page.locator(byTestId('run')).click();

    await ide.page.locator(byTestId('login-username')).waitFor();
    await login(ide.page);
    const text = await ide.page.locator(`${byTestId('editor')} .cm-content`).textContent();
    expect(text).toBe('logPrint("kept")');
  });
});

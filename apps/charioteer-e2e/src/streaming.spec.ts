import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Page } from 'playwright-core';
import { allOutputRows, byTestId, setScript, waitForStatus } from './support/browser';
import { flakyNetwork } from './support/proxy';
import { signedInIdeSuite } from './support/ide-suite';

const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');
const TIME = '\\d{2}:\\d{2}:\\d{2}\\.\\d{3}';

const LOG_ROW = new RegExp(`^\\[\\w+\\] ${TIME} `);

/** Messages of all log rows (the `[LEVEL] time ` prefix removed), scrolled through the output. */
async function logMessages(page: Page): Promise<string[]> {
  const rows = await allOutputRows(page);
  return rows.filter((row) => LOG_ROW.test(row)).map((row) => row.replace(LOG_ROW, ''));
}

describe('Charioteer runs and watches scripts', () => {
  const ide = signedInIdeSuite();

  it('streams five lines one by one, 200 ms apart, coloured per level, before the result', async () => {
    await setScript(
      ide.page,
      'sleep(300); // let the stream connect first\nlogPrint("one", "debug"); sleep(200);\nlogPrint("two", "info"); sleep(200);\nlogPrint("three", "warn"); sleep(200);\n' +
        'logPrint("four", "error"); sleep(200);\nlogPrint("five"); 5',
    );
    // Record when each log row and the result first appear in the page.
    await ide.page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { arrivals: Record<string, number> }).arrivals = seen;
      const output = document.querySelector('[data-testid="output"]') as HTMLElement;
      new MutationObserver(() => {
        output.querySelectorAll('[data-testid="log-line"], [data-testid="result"]').forEach((row) => {
          const key =
            row.getAttribute('data-testid') === 'result' ? 'result' : ((row.textContent ?? '').split(' ').pop() ?? '');
          if (!(key in seen)) seen[key] = performance.now();
        });
      }).observe(output, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');

    const arrivals = await ide.page.evaluate(
      () => (window as unknown as { arrivals: Record<string, number> }).arrivals,
    );
    const order = ['one', 'two', 'three', 'four', 'five'];
    const times = order.map((key) => arrivals[key]);
    console.log(
      `arrival offsets (ms): ${times.map((t) => Math.round(t - times[0])).join(', ')}; result +${Math.round(arrivals['result'] - times[0])}`,
    );
    for (let i = 1; i < times.length; i++) {
      expect(times[i] - times[i - 1]).toBeGreaterThan(120); // one by one, not in a burst at the end
    }
    expect(arrivals['result'] - times[0]).toBeGreaterThan(700);
    await expect(ide.page.locator(byTestId('result')).textContent()).resolves.toBe('Result: 5');

    const colours = await ide.page
      .locator(byTestId('log-line'))
      .evaluateAll((els) => els.map((el) => [el.getAttribute('data-level'), getComputedStyle(el).color]));
    expect(colours).toEqual([
      ['DEBUG', 'rgb(86, 156, 214)'],
      ['INFO', 'rgb(78, 201, 176)'],
      ['WARN', 'rgb(220, 220, 170)'],
      ['ERROR', 'rgb(244, 71, 71)'],
      ['INFO', 'rgb(78, 201, 176)'],
    ]);
    await expect(ide.page.locator(byTestId('elapsed')).textContent()).resolves.toMatch(/^\d+\.\ds$/);

    // The level filter hides INFO rows; the lifecycle rows stay.
    await ide.page.locator(byTestId('level-INFO')).click();
    await expect(logMessages(ide.page)).resolves.toEqual(['one', 'three', 'four']);
    await ide.page.locator(byTestId('level-INFO')).click();

    // Download as .log: the rows as text.
    const [download] = await Promise.all([
      ide.page.waitForEvent('download'),
      ide.page.locator(byTestId('download')).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^execution-[0-9a-f-]{36}\.log$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toMatch(new RegExp(`^\\[WARN\\] ${TIME} three$`, 'm'));
    expect(text).toContain('Result: 5');

    // Copy puts the shown rows on the clipboard.
    await ide.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: ide.server.baseUrl,
    });
    await ide.page.locator(byTestId('copy')).click();
    await ide.page.locator(byTestId('copy'), { hasText: 'Copied' }).waitFor();
    const copied = await ide.page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')).toHaveLength(10);
    expect(copied).toMatch(new RegExp(`^\\[ERROR\\] ${TIME} four$`, 'm'));

    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-run.png') });
  });

  it('cancels a while(true){} run and shows it cancelled within 2 s', async () => {
    await setScript(ide.page, 'while(true){}');
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'running');
    const started = Date.now();
    await ide.page.locator(byTestId('cancel')).click();
    await waitForStatus(ide.page, 'cancelled', 2000);
    const took = Date.now() - started;
    console.log(`cancel shown after ${took} ms`);
    expect(took).toBeLessThan(2000);
    await expect(ide.page.locator(byTestId('status')).textContent()).resolves.toContain('Cancelled');
  });

  it('marks a syntax error and a runtime error at their line and column', async () => {
    await setScript(ide.page, 'logPrint("ok")\nlogPrint("unclosed"');
    await ide.page.keyboard.press('Control+Enter');
    await waitForStatus(ide.page, 'failed');
    const marker = ide.page.locator(`${byTestId('editor')} .cm-lintRange-error`).first();
    await marker.waitFor();
    const lineOf = () =>
      marker.evaluate((el) => {
        const line = el.closest('.cm-line');
        return (
          Array.from(el.closest('.cm-content')?.querySelectorAll('.cm-line') ?? []).findIndex((l) => l === line) + 1
        );
      });
    await expect(lineOf()).resolves.toBe(2);

    await setScript(ide.page, 'let x = 1;\nlet y = x + nope;\nlogPrint(y)');
    await ide.page.locator(byTestId('run')).click();
    await ide.page.locator(byTestId('result'), { hasText: "variable 'nope' not defined" }).waitFor();
    await waitForStatus(ide.page, 'failed');
    await ide.page.waitForFunction(
      () => document.querySelector('[data-testid="editor"] .cm-lintRange-error')?.textContent === 'nope',
    );
    await expect(lineOf()).resolves.toBe(2);
  });

  it('keeps the view put when the user scrolls up mid-run, counts new lines, and jumps to the end', async () => {
    await setScript(ide.page, 'let i = 0;\nwhile (i < 150) { logPrint("tick " + i); sleep(25); i = i + 1; }');
    await ide.page.locator(byTestId('run')).click();
    const output = ide.page.locator(byTestId('output'));
    await ide.page.waitForFunction(
      () => Number(document.querySelector('[data-testid="output"]')?.getAttribute('data-rows')) > 60,
    );

    await output.hover();
    await ide.page.mouse.wheel(0, -400);
    await ide.page.locator(byTestId('new-lines')).waitFor();
    const firstVisible = () =>
      output.evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        const row = Array.from(el.querySelectorAll('.row')).find((r) => r.getBoundingClientRect().bottom > top + 4);
        return row?.textContent ?? '';
      });
    const before = await firstVisible();
    const count = async () => Number((await ide.page.locator(byTestId('new-lines')).textContent())?.match(/\d+/)?.[0]);
    const n1 = await count();
    await ide.page.waitForTimeout(600);
    const n2 = await count();
    expect(n2).toBeGreaterThan(n1);
    await expect(firstVisible()).resolves.toBe(before); // the view stayed put

    await ide.page.locator(byTestId('follow')).click();
    await ide.page.locator(byTestId('follow')).waitFor({ state: 'detached' });
    const atEnd = () => output.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop < 30);
    await expect(atEnd()).resolves.toBe(true);
    await waitForStatus(ide.page, 'succeeded');
    await ide.page.locator(byTestId('result')).waitFor();
    await expect(atEnd()).resolves.toBe(true);
  });

  it('reconnects after the network drops mid-run and shows every line exactly once', async () => {
    const network = await flakyNetwork(Number(new URL(ide.server.baseUrl).port));
    try {
      await ide.page.goto(network.baseUrl); // same host: the session cookie goes along
      await ide.page.locator(`${byTestId('editor')} .cm-content`).waitFor();
      await setScript(ide.page, 'let i = 1;\nwhile (i <= 20) { logPrint("n" + i); sleep(150); i = i + 1; }');
      await ide.page.locator(byTestId('run')).click();
      await ide.page.locator(byTestId('log-line'), { hasText: / n5$/ }).waitFor();
      network.drop(); // every connection reset, new ones refused
      await ide.page.locator(byTestId('reconnecting')).waitFor({ timeout: 5000 });
      await ide.page.waitForTimeout(800);
      network.restore();
      await waitForStatus(ide.page, 'succeeded');
      await ide.page.locator(byTestId('reconnecting')).waitFor({ state: 'detached' });

      const expected = Array.from({ length: 20 }, (_, i) => `n${i + 1}`);
      await expect(logMessages(ide.page)).resolves.toEqual(expected);
    } finally {
      await network.close();
    }
  });

  it('shows progress with its message, and the history keeps the last value', async () => {
    await setScript(ide.page, 'progress(30, "loading");\nsleep(700);\nprogress(70, "crunching");\nsleep(700);\n42');
    await ide.page.locator(byTestId('run')).click();
    await ide.page.locator(byTestId('progress-message'), { hasText: 'loading' }).waitFor();
    await ide.page.locator(byTestId('progress-message'), { hasText: 'crunching' }).waitFor();
    await expect(ide.page.locator(byTestId('progress')).getAttribute('aria-valuenow')).resolves.toBe('70');
    await waitForStatus(ide.page, 'succeeded');

    await ide.page.locator(byTestId('tab-history')).click();
    const item = ide.page.locator(byTestId('history-item')).first();
    await item.waitFor();
    await expect(item.locator(byTestId('history-progress')).textContent()).resolves.toBe('70% crunching');
  });

  it('lists past runs in the history and reopens one with its stored log and result, or its live tail', async () => {
    await setScript(ide.page, 'logPrint("from history");\n7');
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    await setScript(ide.page, 'logPrint("second run")');
    await ide.page.locator(byTestId('run')).click();
    await ide.page.locator(byTestId('log-line'), { hasText: 'second run' }).waitFor();
    await waitForStatus(ide.page, 'succeeded');

    await ide.page.locator(byTestId('tab-history')).click();
    const items = ide.page.locator(byTestId('history-item'));
    await ide.page.waitForFunction(() => document.querySelectorAll('[data-testid="history-item"]').length >= 2);
    await expect(items.first().textContent()).resolves.toContain('logPrint("second run")');
    await items.filter({ hasText: 'from history' }).first().click();
    await ide.page.locator(byTestId('result'), { hasText: 'Result: 7' }).waitFor();
    await expect(logMessages(ide.page)).resolves.toEqual(['from history']);
    await expect(ide.page.locator(byTestId('status')).getAttribute('data-status')).resolves.toBe('succeeded');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({
      path: join(SCREENSHOTS, 'charioteer-history.png'),
    });

    // A run that is still going: reload the page, reopen it, and get the stored part plus the tail.
    await setScript(ide.page, 'let i = 1; while (i <= 40) { logPrint("live " + i); sleep(120); i = i + 1; }');
    await ide.page.locator(byTestId('run')).click();
    await ide.page.locator(byTestId('log-line'), { hasText: / live 3$/ }).waitFor();
    ide.page = await ide.context.newPage(); // a fresh page (a reload would ask about the unsaved script)
    await ide.page.goto(ide.server.baseUrl);
    await ide.page.locator(byTestId('tab-history')).click();
    await ide.page.locator(byTestId('history-item')).filter({ hasText: 'live' }).first().click();
    // Opened while it runs: the status shows running (rendered on the next change detection), then its end.
    await waitForStatus(ide.page, 'running', 5_000);
    await waitForStatus(ide.page, 'succeeded');
    await expect(logMessages(ide.page)).resolves.toEqual(Array.from({ length: 40 }, (_, i) => `live ${i + 1}`));
  });

  it("pages through a long history and puts a past run's program back in the editor", async () => {
    for (let i = 1; i <= 105; i++) {
      const reply = await ide.page.request.post(`${ide.server.baseUrl}/api/execute`, {
        data: { program: `setq(n, ${i}); n` },
      });
      expect(reply.status()).toBe(200);
    }
    const listed = await ide.page.request.get(`${ide.server.baseUrl}/api/executions?limit=1`);
    const total = ((await listed.json()) as { data: { total: number } }).data.total;
    expect(total).toBeGreaterThanOrEqual(105); // with the runs of the tests before, when they ran
    expect(total).toBeLessThanOrEqual(200);

    await ide.page.locator(byTestId('tab-history')).click();
    const items = ide.page.locator(byTestId('history-item'));
    await ide.page.waitForFunction(() => document.querySelectorAll('[data-testid="history-item"]').length === 100);
    await expect(items.first().textContent()).resolves.toContain('setq(n, 105); n');
    await ide.page.locator(byTestId('history-more')).click();
    await ide.page.waitForFunction(
      (expected) => document.querySelectorAll('[data-testid="history-item"]').length === expected,
      total,
    );
    await expect(ide.page.locator(byTestId('history-more')).count()).resolves.toBe(0);
    const ids = await items.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(total);

    await items.nth(1).hover();
    await ide.page.locator(byTestId('history-edit')).nth(1).click();
    // The editor takes the program on the next change detection: wait for it.
    await ide.page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === 'setq(n, 104); n',
      `${byTestId('editor')} .cm-content`,
    );
    await expect(ide.page.locator(byTestId('file-name')).textContent()).resolves.toBe('untitled');
    await expect(ide.page.locator(byTestId('dirty')).count()).resolves.toBe(0);
  });
});

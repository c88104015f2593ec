import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  allOutputRows,
  byTestId,
  launchBrowser,
  login,
  openIde,
  setScript,
  waitForStatus,
} from './support/browser';
import { flakyNetwork } from './support/proxy';
import { RunningServer, startServer } from './support/server';

const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');
const TIME = '\\d{2}:\\d{2}:\\d{2}\\.\\d{3}';

const LOG_ROW = new RegExp(`^\\[\\w+\\] ${TIME} `);

/** Messages of all log rows (the `[LEVEL] time ` prefix removed), scrolled through the output. */
async function logMessages(page: Page): Promise<string[]> {
  const rows = await allOutputRows(page);
  return rows
    .filter((row) => LOG_ROW.test(row))
    .map((row) => row.replace(LOG_ROW, ''));
}

describe('Charioteer runs and watches scripts', () => {
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
      throw new Error(
        `the server died during the test:\n${server.output().slice(-4000)}`,
      );
    }
  });

  it('streams five lines one by one, 200 ms apart, coloured per level, before the result', async () => {
    await setScript(
      page,
      'sleep(300); // let the stream connect first\nlogPrint("one", "debug"); sleep(200);\nlogPrint("two", "info"); sleep(200);\nlogPrint("three", "warn"); sleep(200);\n' +
        'logPrint("four", "error"); sleep(200);\nlogPrint("five"); 5',
    );
    // Record when each log row and the result first appear in the page.
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { arrivals: Record<string, number> }).arrivals =
        seen;
      const output = document.querySelector(
        '[data-testid="output"]',
      ) as HTMLElement;
      new MutationObserver(() => {
        output
          .querySelectorAll('[data-testid="log-line"], [data-testid="result"]')
          .forEach((row) => {
            const key =
              row.getAttribute('data-testid') === 'result'
                ? 'result'
                : ((row.textContent ?? '').split(' ').pop() ?? '');
            if (!(key in seen)) seen[key] = performance.now();
          });
      }).observe(output, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await page.locator(byTestId('run')).click();
    await waitForStatus(page, 'succeeded');

    const arrivals = await page.evaluate(
      () =>
        (window as unknown as { arrivals: Record<string, number> }).arrivals,
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
    await expect(page.locator(byTestId('result')).textContent()).resolves.toBe(
      'Result: 5',
    );

    const colours = await page
      .locator(byTestId('log-line'))
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('data-level'),
          getComputedStyle(el).color,
        ]),
      );
    expect(colours).toEqual([
      ['DEBUG', 'rgb(86, 156, 214)'],
      ['INFO', 'rgb(78, 201, 176)'],
      ['WARN', 'rgb(220, 220, 170)'],
      ['ERROR', 'rgb(244, 71, 71)'],
      ['INFO', 'rgb(78, 201, 176)'],
    ]);
    await expect(
      page.locator(byTestId('elapsed')).textContent(),
    ).resolves.toMatch(/^\d+\.\ds$/);

    // The level filter hides INFO rows; the lifecycle rows stay.
    await page.locator(byTestId('level-INFO')).click();
    await expect(logMessages(page)).resolves.toEqual(['one', 'three', 'four']);
    await page.locator(byTestId('level-INFO')).click();

    // Download as .log: the rows as text.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(byTestId('download')).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^execution-[0-9a-f-]{36}\.log$/,
    );
    const text = readFileSync((await download.path()) as string, 'utf8');
    expect(text).toMatch(new RegExp(`^\\[WARN\\] ${TIME} three$`, 'm'));
    expect(text).toContain('Result: 5');

    // Copy puts the shown rows on the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.baseUrl,
    });
    await page.locator(byTestId('copy')).click();
    await page.locator(byTestId('copy'), { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')).toHaveLength(10);
    expect(copied).toMatch(new RegExp(`^\\[ERROR\\] ${TIME} four$`, 'm'));

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'charioteer-run.png') });
  });

  it('cancels a while(true){} run and shows it cancelled within 2 s', async () => {
    await setScript(page, 'while(true){}');
    await page.locator(byTestId('run')).click();
    await waitForStatus(page, 'running');
    const started = Date.now();
    await page.locator(byTestId('cancel')).click();
    await waitForStatus(page, 'cancelled', 2000);
    const took = Date.now() - started;
    console.log(`cancel shown after ${took} ms`);
    expect(took).toBeLessThan(2000);
    await expect(
      page.locator(byTestId('status')).textContent(),
    ).resolves.toContain('Cancelled');
  });

  it('marks a syntax error and a runtime error at their line and column', async () => {
    await setScript(page, 'logPrint("ok")\nlogPrint("unclosed"');
    await page.keyboard.press('Control+Enter');
    await waitForStatus(page, 'failed');
    const marker = page
      .locator(`${byTestId('editor')} .cm-lintRange-error`)
      .first();
    await marker.waitFor();
    const lineOf = () =>
      marker.evaluate((el) => {
        const line = el.closest('.cm-line');
        return (
          Array.from(
            el.closest('.cm-content')?.querySelectorAll('.cm-line') ?? [],
          ).findIndex((l) => l === line) + 1
        );
      });
    await expect(lineOf()).resolves.toBe(2);

    await setScript(page, 'let x = 1;\nlet y = x + nope;\nlogPrint(y)');
    await page.locator(byTestId('run')).click();
    await page
      .locator(byTestId('result'), { hasText: "variable 'nope' not defined" })
      .waitFor();
    await waitForStatus(page, 'failed');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="editor"] .cm-lintRange-error')
          ?.textContent === 'nope',
    );
    await expect(lineOf()).resolves.toBe(2);
  });

  it('keeps the view put when the user scrolls up mid-run, counts new lines, and jumps to the end', async () => {
    await setScript(
      page,
      'let i = 0;\nwhile (i < 150) { logPrint("tick " + i); sleep(25); i = i + 1; }',
    );
    await page.locator(byTestId('run')).click();
    const output = page.locator(byTestId('output'));
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="output"]')
            ?.getAttribute('data-rows'),
        ) > 60,
    );

    await output.hover();
    await page.mouse.wheel(0, -400);
    await page.locator(byTestId('new-lines')).waitFor();
    const firstVisible = () =>
      output.evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        const row = Array.from(el.querySelectorAll('.row')).find(
          (r) => r.getBoundingClientRect().bottom > top + 4,
        );
        return row?.textContent ?? '';
      });
    const before = await firstVisible();
    const count = async () =>
      Number(
        (await page.locator(byTestId('new-lines')).textContent())?.match(
          /\d+/,
        )?.[0],
      );
    const n1 = await count();
    await page.waitForTimeout(600);
    const n2 = await count();
    expect(n2).toBeGreaterThan(n1);
    await expect(firstVisible()).resolves.toBe(before); // the view stayed put

    await page.locator(byTestId('follow')).click();
    await page.locator(byTestId('follow')).waitFor({ state: 'detached' });
    const atEnd = () =>
      output.evaluate(
        (el) => el.scrollHeight - el.clientHeight - el.scrollTop < 30,
      );
    await expect(atEnd()).resolves.toBe(true);
    await waitForStatus(page, 'succeeded');
    await page.locator(byTestId('result')).waitFor();
    await expect(atEnd()).resolves.toBe(true);
  });

  it('reconnects after the network drops mid-run and shows every line exactly once', async () => {
    const network = await flakyNetwork(Number(new URL(server.baseUrl).port));
    try {
      await page.goto(network.baseUrl); // same host: the session cookie goes along
      await page.locator(`${byTestId('editor')} .cm-content`).waitFor();
      await setScript(
        page,
        'let i = 1;\nwhile (i <= 20) { logPrint("n" + i); sleep(150); i = i + 1; }',
      );
      await page.locator(byTestId('run')).click();
      await page.locator(byTestId('log-line'), { hasText: / n5$/ }).waitFor();
      network.drop(); // every connection reset, new ones refused
      await page.locator(byTestId('reconnecting')).waitFor({ timeout: 5000 });
      await page.waitForTimeout(800);
      network.restore();
      await waitForStatus(page, 'succeeded');
      await page
        .locator(byTestId('reconnecting'))
        .waitFor({ state: 'detached' });

      const expected = Array.from({ length: 20 }, (_, i) => `n${i + 1}`);
      await expect(logMessages(page)).resolves.toEqual(expected);
    } finally {
      await network.close();
    }
  });

  it('shows progress with its message, and the history keeps the last value', async () => {
    await setScript(
      page,
      'progress(30, "loading");\nsleep(700);\nprogress(70, "crunching");\nsleep(700);\n42',
    );
    await page.locator(byTestId('run')).click();
    await page
      .locator(byTestId('progress-message'), { hasText: 'loading' })
      .waitFor();
    await page
      .locator(byTestId('progress-message'), { hasText: 'crunching' })
      .waitFor();
    await expect(
      page.locator(byTestId('progress')).getAttribute('aria-valuenow'),
    ).resolves.toBe('70');
    await waitForStatus(page, 'succeeded');

    await page.locator(byTestId('tab-history')).click();
    const item = page.locator(byTestId('history-item')).first();
    await item.waitFor();
    await expect(
      item.locator(byTestId('history-progress')).textContent(),
    ).resolves.toBe('70% crunching');
  });

  it('lists past runs in the history and reopens one with its stored log and result, or its live tail', async () => {
    await setScript(page, 'logPrint("from history");\n7');
    await page.locator(byTestId('run')).click();
    await waitForStatus(page, 'succeeded');
    await setScript(page, 'logPrint("second run")');
    await page.locator(byTestId('run')).click();
    await page
      .locator(byTestId('log-line'), { hasText: 'second run' })
      .waitFor();
    await waitForStatus(page, 'succeeded');

    await page.locator(byTestId('tab-history')).click();
    const items = page.locator(byTestId('history-item'));
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="history-item"]').length >= 2,
    );
    await expect(items.first().textContent()).resolves.toContain(
      'logPrint("second run")',
    );
    await items.filter({ hasText: 'from history' }).first().click();
    await page.locator(byTestId('result'), { hasText: 'Result: 7' }).waitFor();
    await expect(logMessages(page)).resolves.toEqual(['from history']);
    await expect(
      page.locator(byTestId('status')).getAttribute('data-status'),
    ).resolves.toBe('succeeded');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOTS, 'charioteer-history.png'),
    });

    // A run that is still going: reload the page, reopen it, and get the stored part plus the tail.
    await setScript(
      page,
      'let i = 1; while (i <= 40) { logPrint("live " + i); sleep(120); i = i + 1; }',
    );
    await page.locator(byTestId('run')).click();
    await page.locator(byTestId('log-line'), { hasText: / live 3$/ }).waitFor();
    page = await context.newPage(); // a fresh page (a reload would ask about the unsaved script)
    await page.goto(server.baseUrl);
    await page.locator(byTestId('tab-history')).click();
    await page
      .locator(byTestId('history-item'))
      .filter({ hasText: 'live' })
      .first()
      .click();
    await expect(
      page.locator(byTestId('status')).getAttribute('data-status'),
    ).resolves.toBe('running');
    await waitForStatus(page, 'succeeded');
    await expect(logMessages(page)).resolves.toEqual(
      Array.from({ length: 40 }, (_, i) => `live ${i + 1}`),
    );
  });

  it("pages through a long history and puts a past run's program back in the editor", async () => {
    for (let i = 1; i <= 105; i++) {
      const reply = await page.request.post(`${server.baseUrl}/api/execute`, { data: { program: `setq(n, ${i}); n` } });
      expect(reply.status()).toBe(200);
    }
    const listed = await page.request.get(`${server.baseUrl}/api/executions?limit=1`);
    const total = ((await listed.json()) as { data: { total: number } }).data.total;
    expect(total).toBeGreaterThanOrEqual(105); // with the runs of the tests before, when they ran
    expect(total).toBeLessThanOrEqual(200);

    await page.locator(byTestId('tab-history')).click();
    const items = page.locator(byTestId('history-item'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-item"]').length === 100);
    await expect(items.first().textContent()).resolves.toContain('setq(n, 105); n');
    await page.locator(byTestId('history-more')).click();
    await page.waitForFunction(
      (expected) => document.querySelectorAll('[data-testid="history-item"]').length === expected,
      total,
    );
    await expect(page.locator(byTestId('history-more')).count()).resolves.toBe(0);
    const ids = await items.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(total);

    await items.nth(1).hover();
    await page.locator(byTestId('history-edit')).nth(1).click();
    // The editor takes the program on the next change detection: wait for it.
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === 'setq(n, 104); n',
      `${byTestId('editor')} .cm-content`,
    );
    await expect(page.locator(byTestId('file-name')).textContent()).resolves.toBe('untitled');
    await expect(page.locator(byTestId('dirty')).count()).resolves.toBe(0);
  });
});

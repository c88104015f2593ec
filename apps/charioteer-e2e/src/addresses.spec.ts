import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allOutputRows, byTestId, login, openIde, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');
const RUN_URL = /\/runs\/[0-9a-f-]{36}$/;
const SLOW = 'let i = 1\nwhile (i <= 30) {\n  logPrint("line " + i)\n  sleep(100)\n  i = i + 1\n}\n"done"';
const THREE_STEPS = 'logPrint("one")\nlogPrint("two")\n"end"';

describe('Addresses for runs and files (issue 12)', () => {
  const ide = signedInIdeSuite();

  /** Reloads as a user who answers "Leave" to the unsaved-changes prompt. */
  const reload = async () => {
    ide.page.removeAllListeners('dialog');
    ide.page.on('dialog', (dialog) => void dialog.accept());
    await ide.page.reload();
  };

  const pausedAt = (page = ide.page, line: number) =>
    page.locator(byTestId('debug-state'), { hasText: `Paused at line ${line}` }).waitFor({ timeout: 15_000 });

  it("the server answers a run's or a file's address with the IDE (index.html), and /api stays the API", async () => {
    for (const path of ['/runs/0b7f2a8e-0000-4000-8000-000000000000', '/files/report.ch', '/runs/x?y=1#L3']) {
      const response = await ide.page.request.get(`${ide.server.baseUrl}${path}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^text\/html/);
      await expect(response.text()).resolves.toContain('<ch-root');
    }
    const api = await ide.page.request.get(`${ide.server.baseUrl}/api/files/nothing-here.ch`);
    expect(api.status()).toBe(404);
    expect(api.headers()['content-type']).toMatch(/json/);
  });

  it('names the running run in the address, and a reload mid-run reattaches to it live, no line lost or repeated', async () => {
    await setScript(ide.page, SLOW);
    await ide.page.locator(byTestId('run')).click();
    await ide.page.waitForURL(RUN_URL);
    const address = ide.page.url();
    await ide.page.locator(byTestId('log-line'), { hasText: /line 3$/ }).waitFor();

    await reload();
    await waitForStatus(ide.page, 'running', 10_000);
    expect(ide.page.url()).toBe(address);
    await ide.page.locator(byTestId('log-line'), { hasText: /line 30$/ }).waitFor({ timeout: 20_000 });
    await waitForStatus(ide.page, 'succeeded');
    const numbers = (await allOutputRows(ide.page))
      .flatMap((row) => /\] \S+ line (\d+)$/.exec(row)?.[1] ?? [])
      .map(Number);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
  });

  it('a reload mid-pause shows "Paused at line N" again, and the debugger controls go on from there', async () => {
    await setScript(ide.page, THREE_STEPS);
    await ide.page.locator(byTestId('debug')).click();
    await pausedAt(ide.page, 1);
    await ide.page.waitForURL(RUN_URL);

    await reload();
    await pausedAt(ide.page, 1);
    await ide.page.locator(`${byTestId('status')}[data-status="paused"]`).waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-reattached-pause.png') });
    await ide.page.locator(byTestId('debug-step_over')).click();
    await pausedAt(ide.page, 2);
    await ide.page.locator(byTestId('debug-continue')).click();
    await waitForStatus(ide.page, 'succeeded');
    const rows = await allOutputRows(ide.page);
    expect(rows.filter((row) => / (one|two)$/.test(row)).map((row) => row.split(' ').at(-1))).toEqual(['one', 'two']);
  });

  it('a second tab on the run address shows the same live state, and each follows what the other does', async () => {
    await setScript(ide.page, THREE_STEPS);
    await ide.page.locator(byTestId('debug')).click();
    await pausedAt(ide.page, 1);
    await ide.page.waitForURL(RUN_URL);

    const second = await ide.context.newPage();
    await second.goto(ide.page.url());
    await pausedAt(second, 1);
    await second.locator(byTestId('debug-step_over')).click();
    await pausedAt(second, 2);
    await pausedAt(ide.page, 2);
    await ide.page.locator(byTestId('debug-continue')).click();
    await waitForStatus(second, 'succeeded');
    await waitForStatus(ide.page, 'succeeded');
    await second.close();
  });

  it('names an opened file in the address; its link opens it, through the sign-in when needed', async () => {
    await setScript(ide.page, 'logPrint("from a file")');
    await ide.page.keyboard.press('Control+s');
    await ide.page.locator(byTestId('prompt-input')).fill('linked.ch');
    await ide.page.locator(byTestId('prompt-confirm')).click();
    await ide.page.waitForURL(/\/files\/linked\.ch$/);

    const fresh = await openIde(ide.browser, `${ide.server.baseUrl}/files/linked.ch`);
    try {
      await fresh.page.waitForURL(/\/sign-in\?returnUrl=/);
      await login(fresh.page);
      await fresh.page.waitForURL(/\/files\/linked\.ch$/);
      await fresh.page.locator(`${byTestId('editor')} .cm-line`, { hasText: 'logPrint("from a file")' }).waitFor();
    } finally {
      await fresh.context.close();
    }
  });
});

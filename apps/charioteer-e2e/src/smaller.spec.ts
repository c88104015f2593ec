import { byTestId, login, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

describe('Smaller defects (issue 12: focus, notices, sidebar, output header)', () => {
  const ide = signedInIdeSuite({ signIn: false });

  it('puts the caret in the editor after sign-in, so typing goes into the script', async () => {
    await login(ide.page);
    const inEditor = await ide.page.evaluate(
      () => !!document.activeElement?.closest('[data-testid="editor"] .cm-content'),
    );
    expect(inEditor).toBe(true);
    await ide.page.keyboard.press('Control+Home');
    await ide.page.keyboard.type('// typed at once\n');
    await expect(
      ide.page
        .locator(`${byTestId('editor')} .cm-line`)
        .first()
        .textContent(),
    ).resolves.toBe('// typed at once');
  });

  it('lets a notice be dismissed, and takes one away by itself after a few seconds', async () => {
    await login(ide.page);
    await ide.page.locator(byTestId('file-new')).click();
    await ide.page.locator(byTestId('prompt-input')).fill('noticed');
    await ide.page.locator(byTestId('prompt-confirm')).click();
    const notice = ide.page.locator(byTestId('notice'));
    await notice.filter({ hasText: 'Created noticed.ch' }).waitFor();
    await ide.page.locator(byTestId('notice-dismiss')).click();
    await notice.waitFor({ state: 'detached', timeout: 1_000 });

    await setScript(ide.page, 'logPrint("kept")');
    await ide.page.keyboard.press('Control+S');
    await notice.filter({ hasText: 'Saved noticed.ch' }).waitFor();
    await notice.waitFor({ state: 'detached', timeout: 8_000 });
  });

  it('lets the sidebar be resized (remembered) and keeps each history date on one line', async () => {
    await login(ide.page);
    await setScript(ide.page, 'logPrint("for the history")');
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    await ide.page.locator(byTestId('tab-history')).click();
    await ide.page.locator(byTestId('history-item')).first().waitFor();

    const sidebar = ide.page.locator(byTestId('sidebar'));
    const before = await sidebar.boundingBox();
    const edge = await ide.page.locator(byTestId('sidebar-edge')).boundingBox();
    if (!before || !edge) throw new Error('not laid out');
    await ide.page.mouse.move(edge.x + edge.width / 2, edge.y + 200);
    await ide.page.mouse.down();
    await ide.page.mouse.move(edge.x + 120, edge.y + 200, { steps: 5 });
    await ide.page.mouse.up();
    const after = await sidebar.boundingBox();
    expect(after && after.width - before.width).toBeGreaterThan(100);

    // At its narrowest (arrow keys on the edge), a run's status, date and duration stay on one line.
    await ide.page.locator(byTestId('sidebar-edge')).focus();
    for (let i = 0; i < 25; i++) await ide.page.keyboard.press('ArrowLeft');
    await expect(sidebar.evaluate((el) => el.getBoundingClientRect().width)).resolves.toBe(170);
    const heights = await ide.page
      .locator(`${byTestId('history-item')} .top`)
      .evaluateAll((els) =>
        els.map((el) => [
          el.getBoundingClientRect().height,
          el.querySelector('.status')?.getBoundingClientRect().height ?? 0,
        ]),
      );
    for (const [top, status] of heights) expect(top).toBeLessThan(status * 1.5);

    const other = await ide.context.newPage();
    await other.goto(ide.server.baseUrl);
    await other.locator(byTestId('sidebar')).waitFor();
    await expect(other.locator(byTestId('sidebar')).evaluate((el) => el.getBoundingClientRect().width)).resolves.toBe(
      170,
    );
    await other.close();
  });

  it('keeps the output header and its tools on one row at 1280 px', async () => {
    await login(ide.page);
    await setScript(ide.page, 'logPrint("one row")');
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    const rows = await ide.page.locator('ch-output-panel').evaluate((panel) =>
      ['.head', '.tools'].map((selector) => {
        const bar = panel.querySelector(selector) as HTMLElement;
        const tops = new Set(
          Array.from(bar.querySelectorAll(':scope > *'))
            .filter((el) => (el as HTMLElement).offsetWidth > 0)
            .map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2)),
        );
        return { selector, height: bar.getBoundingClientRect().height, centres: tops.size };
      }),
    );
    for (const row of rows) {
      expect(row.height).toBeLessThanOrEqual(34);
      expect({ selector: row.selector, centres: row.centres }).toEqual({ selector: row.selector, centres: 1 });
    }
  });
});

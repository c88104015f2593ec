import { byTestId, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

describe('Runs record the file they came from (issue 12)', () => {
  const ide = signedInIdeSuite();

  const editorText = () =>
    ide.page
      .locator(`${byTestId('editor')} .cm-line`)
      .evaluateAll((lines) => lines.map((l) => l.textContent ?? '').join('\n'));

  it('the history names the file of a run, opens that file, and re-runs the program without touching the editor', async () => {
    await setScript(ide.page, 'logPrint("from origin.ch")\n"origin"');
    await ide.page.keyboard.press('Control+s');
    await ide.page.locator(byTestId('prompt-input')).fill('origin.ch');
    await ide.page.locator(byTestId('prompt-confirm')).click();
    await ide.page.waitForURL(/\/files\/origin\.ch$/);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');

    // Something else in the editor, unsaved; then the history.
    await setScript(ide.page, 'logPrint("scratch")');
    await ide.page.locator(byTestId('tab-history')).click();
    const item = ide.page
      .locator('li', { has: ide.page.locator(byTestId('history-file'), { hasText: 'origin.ch' }) })
      .first();
    await item.waitFor();

    // Re-run: the past program runs again, recorded from the same file; the editor keeps its text.
    await item.hover();
    await item.locator(byTestId('history-rerun')).click();
    await ide.page.locator(byTestId('log-line'), { hasText: 'from origin.ch' }).waitFor();
    await waitForStatus(ide.page, 'succeeded');
    await expect(editorText()).resolves.toBe('logPrint("scratch")');
    await ide.page.locator(byTestId('history-refresh')).click();
    await ide.page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 2, `${byTestId('history-file')}`);

    // File: opens origin.ch (after confirming the unsaved scratch text may go).
    await item.hover();
    await item.locator(byTestId('history-open-file')).click();
    await ide.page.locator(byTestId('prompt-confirm')).click();
    await ide.page.waitForFunction(
      ([sel, text]) =>
        Array.from(document.querySelectorAll(sel))
          .map((l) => l.textContent)
          .join('\n') === text,
      [`${byTestId('editor')} .cm-line`, 'logPrint("from origin.ch")\n"origin"'] as const,
    );
  });
});

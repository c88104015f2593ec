import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { byTestId, setScript } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');

describe('Charioteer files', () => {
  const ide = signedInIdeSuite();

  const fileNames = () =>
    ide.page.locator(byTestId('file')).evaluateAll((els) => els.map((el) => el.getAttribute('data-name')));
  const editorText = () =>
    ide.page.locator(`${byTestId('editor')} .cm-line`).evaluateAll((els) => els.map((el) => el.textContent).join('\n'));
  const fileName = () => ide.page.locator(byTestId('file-name')).textContent();
  /** Answers the open prompt with `value` (or just confirms it). */
  async function answer(value?: string): Promise<void> {
    if (value !== undefined) await ide.page.locator(byTestId('prompt-input')).fill(value);
    await ide.page.locator(byTestId('prompt-confirm')).click();
  }
  const waitForFile = (name: string) => ide.page.locator(`${byTestId('file')}[data-name="${name}"]`).waitFor();

  it('creates, saves, renames and deletes a file, and finds it again after a reload', async () => {
    await waitForFile('hello.ch'); // the example scripts of a new user

    await ide.page.locator(byTestId('file-new')).click();
    await answer('e2e notes');
    await waitForFile('e2e notes.ch');
    await expect(fileName()).resolves.toBe('e2e notes.ch');
    await expect(ide.page.locator(byTestId('dirty')).count()).resolves.toBe(0);

    await setScript(ide.page, 'logPrint("saved text")');
    await ide.page.locator(byTestId('dirty')).waitFor();
    await ide.page.keyboard.press('Control+S');
    await ide.page.locator(byTestId('notice'), { hasText: 'Saved e2e notes.ch' }).waitFor();
    await ide.page.locator(byTestId('dirty')).waitFor({ state: 'detached' });

    await ide.page.reload();
    await waitForFile('e2e notes.ch');
    await ide.page.locator(`${byTestId('file')}[data-name="hello.ch"]`).click();
    await ide.page.waitForFunction(
      () => document.querySelector('[data-testid="file-name"]')?.textContent === 'hello.ch',
    );
    await ide.page.locator(`${byTestId('file')}[data-name="e2e notes.ch"]`).click();
    await ide.page.waitForFunction(
      () => document.querySelector('[data-testid="file-name"]')?.textContent === 'e2e notes.ch',
    );
    await expect(editorText()).resolves.toBe('logPrint("saved text")');

    // Renaming onto an existing name is refused and says why; then a free name works.
    await ide.page.locator(byTestId('file-rename')).click();
    await answer('hello.ch');
    await ide.page.locator(byTestId('prompt-error')).waitFor();
    await expect(ide.page.locator(byTestId('prompt-error')).textContent()).resolves.toMatch(/exist/i);
    await answer('renamed');
    await waitForFile('renamed.ch');
    await expect(fileName()).resolves.toBe('renamed.ch');
    expect(await fileNames()).not.toContain('e2e notes.ch');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-files.png') });

    await ide.page.locator(byTestId('file-delete')).click();
    await expect(ide.page.locator(byTestId('prompt-message')).textContent()).resolves.toContain('removed');
    await answer();
    await ide.page.locator(`${byTestId('file')}[data-name="renamed.ch"]`).waitFor({ state: 'detached' });

    // The editor keeps the text of the deleted file, now unsaved (so leaving would ask).
    await ide.page.locator(byTestId('dirty')).waitFor();
    await expect(editorText()).resolves.toBe('logPrint("saved text")');

    // A fresh page of the same session no longer lists it.
    ide.page = await ide.context.newPage();
    await ide.page.goto(ide.server.baseUrl);
    await waitForFile('hello.ch');
    const names = await fileNames();
    expect(names).not.toContain('renamed.ch');
    expect(names).not.toContain('e2e notes.ch');
    const listed = (await (await ide.page.request.get(`${ide.server.baseUrl}/api/files`)).json()) as {
      data: { name: string }[];
    };
    expect(listed.data.map((f) => f.name)).not.toContain('renamed.ch');
    expect(ide.dialogs).toEqual([]);
  });

  it('asks before discarding unsaved changes when opening another file, and warns before leaving', async () => {
    await ide.page.locator(`${byTestId('file')}[data-name="hello.ch"]`).click();
    await ide.page.waitForFunction(
      () => document.querySelector('[data-testid="file-name"]')?.textContent === 'hello.ch',
    );
    const original = await editorText();
    await setScript(ide.page, 'logPrint("edited, not saved")');
    await ide.page.locator(byTestId('dirty')).waitFor();
    await ide.page.locator(`${byTestId('file')}[data-name="hello.ch"] .dirty`).waitFor();

    // Cancel keeps everything.
    await ide.page.locator(`${byTestId('file')}[data-name="functions.ch"]`).click();
    await expect(ide.page.locator(byTestId('prompt-message')).textContent()).resolves.toContain('not saved');
    await ide.page.locator(byTestId('prompt-cancel')).click();
    await expect(fileName()).resolves.toBe('hello.ch');
    await expect(editorText()).resolves.toBe('logPrint("edited, not saved")');

    // Leaving the page asks too (the browser's own beforeunload prompt).
    const beforeUnload = ide.page.waitForEvent('dialog');
    await ide.page.close({ runBeforeUnload: true });
    expect((await beforeUnload).type()).toBe('beforeunload');
    expect(ide.dialogs.some((d) => d.startsWith('beforeunload'))).toBe(true);
    expect(ide.page.isClosed()).toBe(false); // the dismissed prompt kept it open

    // Confirming discards the edit and opens the other file.
    await ide.page.locator(`${byTestId('file')}[data-name="functions.ch"]`).click();
    await answer();
    await ide.page.waitForFunction(
      () => document.querySelector('[data-testid="file-name"]')?.textContent === 'functions.ch',
    );
    await expect(ide.page.locator(byTestId('dirty')).count()).resolves.toBe(0);
    expect(await editorText()).not.toBe(original);
  });

  it('remembers the Stream Logs toggle and the editor/output split (keyboard-resizable) across reloads', async () => {
    const editorWidth = async () => (await ide.page.locator('section.editor-pane').boundingBox())?.width ?? 0;
    const before = await editorWidth();
    await ide.page.locator(byTestId('splitter')).focus();
    await ide.page.keyboard.press('ArrowRight');
    await ide.page.keyboard.press('ArrowRight');
    await ide.page.waitForFunction(
      () => document.querySelector('[data-testid="splitter"]')?.getAttribute('aria-valuenow') === '65',
    );
    const wider = await editorWidth();
    expect(wider).toBeGreaterThan(before + 30);
    await ide.page.locator(byTestId('stream-toggle')).uncheck();

    await ide.page.reload();
    await ide.page.locator(`${byTestId('editor')} .cm-content`).waitFor();
    await expect(ide.page.locator(byTestId('stream-toggle')).isChecked()).resolves.toBe(false);
    await expect(ide.page.locator(byTestId('splitter')).getAttribute('aria-valuenow')).resolves.toBe('65');
    expect(Math.abs((await editorWidth()) - wider)).toBeLessThan(2);
  });
});

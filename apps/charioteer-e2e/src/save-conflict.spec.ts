import { Page } from 'playwright-core';
import { byTestId, setScript } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

/** Opens `name` from the Files list and waits until the editor shows it. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.locator(`${byTestId('file')}[data-name="${name}"]`).click();
  await page.waitForFunction((file) => document.querySelector('[data-testid="file-name"]')?.textContent === file, name);
}

const editorText = (page: Page) =>
  page.locator(`${byTestId('editor')} .cm-line`).evaluateAll((els) => els.map((el) => el.textContent).join('\n'));

describe('Two tabs saving one file (issue 12: lost work)', () => {
  const ide = signedInIdeSuite();

  it('refuses the stale save and offers reload, overwrite or save as, instead of the last save silently winning', async () => {
    const tabA = ide.page;
    const tabB = await ide.context.newPage();
    await tabB.goto(ide.server.baseUrl);
    await tabB.locator(`${byTestId('editor')} .cm-content`).waitFor();
    await openFile(tabA, 'hello.ch');
    await openFile(tabB, 'hello.ch');

    await setScript(tabA, 'logPrint("from tab A")');
    await tabA.keyboard.press('Control+S');
    await tabA.locator(byTestId('notice'), { hasText: 'Saved hello.ch' }).waitFor();

    await setScript(tabB, 'logPrint("from tab B")');
    await tabB.keyboard.press('Control+S');
    const prompt = tabB.locator(byTestId('prompt'));
    await prompt.locator('h2', { hasText: 'hello.ch was changed elsewhere' }).waitFor();
    // Tab B does not claim it saved, and keeps its changes until the user chooses.
    await expect(tabB.locator(byTestId('notice'), { hasText: 'Saved' }).count()).resolves.toBe(0);
    await expect(tabB.locator(byTestId('dirty')).count()).resolves.toBe(1);
    const stored = async () =>
      (
        (await (await tabA.request.get(`${ide.server.baseUrl}/api/files/hello.ch`)).json()) as {
          data: { content: string };
        }
      ).data.content;
    await expect(stored()).resolves.toBe('logPrint("from tab A")');

    // Reload: tab B shows tab A's text, saved.
    await tabB.locator(byTestId('prompt-reload')).click();
    await tabB.locator(byTestId('notice'), { hasText: 'Reloaded hello.ch' }).waitFor();
    await expect(editorText(tabB)).resolves.toBe('logPrint("from tab A")');
    await expect(tabB.locator(byTestId('dirty')).count()).resolves.toBe(0);

    // Once more, and this time tab B overwrites.
    await setScript(tabA, 'logPrint("A again")');
    await tabA.keyboard.press('Control+S');
    await tabA.locator(byTestId('notice'), { hasText: 'Saved hello.ch' }).waitFor();
    await setScript(tabB, 'logPrint("B wins")');
    await tabB.keyboard.press('Control+S');
    await tabB.locator(byTestId('prompt-confirm'), { hasText: 'Overwrite' }).click();
    await tabB.locator(byTestId('notice'), { hasText: 'Overwrote hello.ch' }).waitFor();
    await expect(stored()).resolves.toBe('logPrint("B wins")');

    // Tab A is now the stale one; it saves its text under another name.
    await setScript(tabA, 'logPrint("A keeps a copy")');
    await tabA.keyboard.press('Control+S');
    await tabA.locator(byTestId('prompt-save-as')).click();
    await tabA.locator(byTestId('prompt-input')).fill('hello copy');
    await tabA.locator(byTestId('prompt-confirm')).click();
    await tabA.locator(byTestId('notice'), { hasText: 'Saved hello copy.ch' }).waitFor();
    await expect(stored()).resolves.toBe('logPrint("B wins")');
    await tabB.close();
  });
});

import { byTestId, login, openIde, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

describe('Charioteer line numbers and permalinks', () => {
  const ide = signedInIdeSuite();

  it("numbers the entries by sequence, copies a line's link on click, and highlights the entry an address names", async () => {
    await ide.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ide.server.baseUrl });
    await setScript(ide.page, `let i = 1;\nwhile (i <= 300) { logPrint("entry " + i); i = i + 1; }\ni`);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');

    // Following the tail: the last entry's number is on screen, beside (not inside) its text.
    const last = ide.page.locator(`${byTestId('log-line')}[data-seq="300"]`);
    await last.waitFor();
    await expect(last.textContent()).resolves.toMatch(/^\[INFO\] \S+ entry 300$/);
    const number = ide.page.locator(byTestId('line-number'), { hasText: /^300$/ });
    const executionId = await ide.page.evaluate(async () => {
      const list = (await (await fetch('/api/executions?limit=1')).json()) as { data: { items: { id: string }[] } };
      return list.data.items[0].id;
    });
    await expect(number.getAttribute('href')).resolves.toBe(`/runs/${executionId}#L300`);

    await number.click();
    await ide.page.waitForFunction(
      (expected) => navigator.clipboard.readText().then((text) => text === expected),
      `${ide.server.baseUrl}/runs/${executionId}#L300`,
    );
    await ide.page.locator(`.line.linked ${byTestId('log-line')}[data-seq="300"]`).waitFor();

    // An address with #L<seq> scrolls the entry into the middle of the output and highlights it.
    await ide.page.evaluate(() => (location.hash = '#L42'));
    const linked = ide.page.locator(`.line.linked ${byTestId('log-line')}[data-seq="42"]`);
    await linked.waitFor();
    await expect(linked.textContent()).resolves.toMatch(/ entry 42$/);
    await expect(linked.isVisible()).resolves.toBe(true);
    await expect(ide.page.locator('.line.linked').count()).resolves.toBe(1);
    await ide.page.locator(byTestId('follow')).waitFor(); // the tail is no longer followed
  });

  it("opens a line's link in a fresh browser context (signing in first): the run is shown with that entry highlighted", async () => {
    await setScript(ide.page, `let i = 1;\nwhile (i <= 300) { logPrint("entry " + i); i = i + 1; }\ni`);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    const link = await ide.page.locator(byTestId('line-number'), { hasText: /^300$/ }).getAttribute('href');
    const seq = 123;
    const address = `${ide.server.baseUrl}${(link ?? '').replace(/#L\d+$/, `#L${seq}`)}`;

    const fresh = await openIde(ide.browser, address);
    try {
      await login(fresh.page);
      const linked = fresh.page.locator(`.line.linked ${byTestId('log-line')}[data-seq="${seq}"]`);
      await linked.waitFor();
      await expect(linked.textContent()).resolves.toMatch(new RegExp(` entry ${seq}$`));
      await expect(linked.isVisible()).resolves.toBe(true);
      await expect(fresh.page.locator('.line.linked').count()).resolves.toBe(1);
    } finally {
      await fresh.context.close();
    }
  });
});

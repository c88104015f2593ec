import { byTestId, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const CLOCK = /^\[INFO\] \d{2}:\d{2}:\d{2}\.\d{3} /;

describe('Charioteer time display in the output', () => {
  const ide = signedInIdeSuite();

  it("shows entry times as clock times, since the start or not at all (remembered), and the run's start and duration in the header", async () => {
    await setScript(ide.page, 'logPrint("first"); sleep(300); logPrint("second"); 2');
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    const second = ide.page.locator(byTestId('log-line'), { hasText: 'second' });
    await expect(second.textContent()).resolves.toMatch(CLOCK);
    await expect(ide.page.locator(byTestId('run-time')).textContent()).resolves.toMatch(
      /^\s*\d{2}:\d{2}:\d{2} · \d+\.\ds\s*$/,
    );

    await ide.page.locator(byTestId('time-display')).selectOption('relative');
    await ide.page.locator(byTestId('log-line'), { hasText: /^\[INFO\] \+00:00\.\d{3}\s+second$/ }).waitFor();
    const since = Number(/\+00:00\.(\d{3})/.exec((await second.textContent()) ?? '')?.[1]);
    expect(since).toBeGreaterThanOrEqual(300);

    await ide.page.locator(byTestId('time-display')).selectOption('hidden');
    await ide.page.locator(byTestId('log-line'), { hasText: /^\[INFO\] second$/ }).waitFor();

    // Another page of the same profile starts with the choice.
    const other = await ide.context.newPage();
    await other.goto(ide.server.baseUrl);
    await other.locator(`${byTestId('editor')} .cm-content`).waitFor();
    await expect(other.locator(byTestId('time-display')).inputValue()).resolves.toBe('hidden');
    await other.close();
  });
});

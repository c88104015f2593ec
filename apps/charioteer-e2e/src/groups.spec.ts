import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { byTestId, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const SCRIPT = `logGroup("setup"); logPrint("installing"); sleep(20); logPrint("configured"); logGroupEnd();
logPrint("::group::checks"); logGroup("nested"); logPrint("deep needle"); logGroupEnd(); logPrint("check failed", "error"); logPrint("::endgroup::");
logGroup("quiet"); let i = 0; while (i < 50) { logPrint("quiet line " + i); i = i + 1; } logPrint("hidden needle"); logGroupEnd();
logPrint("\\x1b[1;32mdone\\x1b[0m: \\x1b[38;5;208m3 groups\\x1b[0m")
1`;

const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');

describe('Charioteer folds log groups', () => {
  const ide = signedInIdeSuite();

  it('collapses ended groups with their count and duration, keeps one with an error open, and search opens the groups of its match', async () => {
    await setScript(ide.page, SCRIPT);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');

    const header = (name: string) => ide.page.locator(byTestId('group-header'), { hasText: name });
    const expanded = (name: string) => header(name).locator(byTestId('group-toggle')).getAttribute('aria-expanded');
    const row = (text: string) => ide.page.locator(byTestId('log-line'), { hasText: text });

    // Ended groups fold; the one holding an ERROR stays open (its nested quiet group folds).
    await ide.page
      .locator(`${byTestId('group-header')}:has-text("setup") ${byTestId('group-toggle')}[aria-expanded="false"]`)
      .waitFor();
    await expect(expanded('checks')).resolves.toBe('true');
    await expect(expanded('nested')).resolves.toBe('false');
    await expect(expanded('quiet')).resolves.toBe('false');
    await expect(header('setup').locator(byTestId('group-meta')).textContent()).resolves.toMatch(
      /^2 lines · \d+\.\ds$/,
    );
    await expect(header('quiet').locator(byTestId('group-meta')).textContent()).resolves.toMatch(/^51 lines · /);
    await expect(header('checks').locator(byTestId('group-meta')).textContent()).resolves.toMatch(/^2 lines · /);
    await expect(row('installing').count()).resolves.toBe(0);
    await expect(row('deep needle').count()).resolves.toBe(0);
    await expect(row('check failed').count()).resolves.toBe(1);
    await expect(row('::endgroup::').count()).resolves.toBe(0);
    await expect(row('done: 3 groups').count()).resolves.toBe(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-log-groups.png') });

    // A click opens a group, another folds it again.
    await header('setup').locator(byTestId('group-toggle')).click();
    await row('installing').waitFor();
    await header('setup').locator(byTestId('group-toggle')).click();
    await row('installing').waitFor({ state: 'detached' });

    // Search finds lines inside folded groups and opens them (nested ones too).
    const search = ide.page.locator(byTestId('search'));
    await search.fill('hidden needle');
    await ide.page.locator(byTestId('search-count'), { hasText: /^\s*1\/1\s*$/ }).waitFor();
    await ide.page.locator(`${byTestId('log-line')}.current`, { hasText: 'hidden needle' }).waitFor();
    // The group is open: its other lines are there around the match (its header is scrolled away).
    await row('quiet line 49').waitFor();
    await search.fill('deep needle');
    await ide.page.locator(`${byTestId('log-line')}.current`, { hasText: 'deep needle' }).waitFor();
    await expect(expanded('nested')).resolves.toBe('true');
    await expect(expanded('quiet')).resolves.toBe('true');
  });
});

import { byTestId, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const LIMIT = 10;

describe('Charioteer with a run that logs past its cap', () => {
  const ide = signedInIdeSuite({ env: { MAX_LOG_ENTRIES: String(LIMIT) } });

  async function droppedCountOfLastRun(): Promise<number> {
    return ide.page.evaluate(async () => {
      const list = (await (await fetch('/api/executions?limit=1')).json()) as { data: { items: { id: string }[] } };
      const detail = (await (await fetch(`/api/executions/${list.data.items[0].id}`)).json()) as {
        data: { dropped_count: number };
      };
      return detail.data.dropped_count;
    });
  }

  it('says how many lines were dropped when a streamed run ends, and again when it is reopened from the history', async () => {
    await setScript(ide.page, `let i = 0;\nwhile (i < 30) { logPrint("line " + i); i = i + 1; }\ni`);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    const dropped = await droppedCountOfLastRun();
    expect(dropped).toBeGreaterThanOrEqual(30 - LIMIT);
    const notice = ide.page.locator(byTestId('output-notice'));
    await notice.filter({ hasText: `${dropped} lines dropped` }).waitFor();

    await ide.page.locator(byTestId('clear')).click();
    await notice.first().waitFor({ state: 'detached' });
    await ide.page.locator(byTestId('tab-history')).click();
    await ide.page.locator(byTestId('history-item')).first().click();
    await waitForStatus(ide.page, 'succeeded');
    await notice.filter({ hasText: `${dropped} lines dropped` }).waitFor();
  });

  it('says nothing of dropped lines when the run stayed under its cap', async () => {
    await setScript(ide.page, `logPrint("one"); logPrint("two"); let n = 2; n`);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');
    await ide.page.locator(byTestId('result'), { hasText: 'Result: 2' }).waitFor();
    // The detail that would carry a count is fetched after the end: the variables show it came.
    await expect(droppedCountOfLastRun()).resolves.toBe(0);
    await ide.page.locator(byTestId('tab-variables')).first().click();
    await ide.page.locator(`${byTestId('variable')}[data-name="n"]`).waitFor();
    await expect(ide.page.locator(byTestId('output-notice')).count()).resolves.toBe(0);
  });
});

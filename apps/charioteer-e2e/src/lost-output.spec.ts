import { byTestId, outputRows, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const TIME = '\\d{2}:\\d{2}:\\d{2}\\.\\d{3}';

describe('Stream Logs off (issue 12: lost output)', () => {
  const ide = signedInIdeSuite();

  it("shows the run's stored log once a synchronous run has ended, before its result", async () => {
    await setScript(ide.page, 'logPrint("one"); logPrint("two", "warn"); 1+2');
    await ide.page.locator(byTestId('stream-toggle')).uncheck();
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');

    const rows = await outputRows(ide.page);
    expect(rows).not.toContain('--- Streaming Logs ---');
    const stored = rows.indexOf('--- Stored Log ---');
    expect(stored).toBeGreaterThan(0);
    expect(rows[stored + 1]).toMatch(new RegExp(`^\\[INFO\\] ${TIME} one$`));
    expect(rows[stored + 2]).toMatch(new RegExp(`^\\[WARN\\] ${TIME} two$`));
    expect(rows.slice(stored + 3)).toEqual(['--- Execution Complete ---', 'Result: 3']);
  });

  it('stops a synchronous run on the server when Cancel is pressed', async () => {
    await setScript(ide.page, 'logPrint("looping"); while(true){}');
    await ide.page.locator(byTestId('stream-toggle')).uncheck();
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'running');
    // Cancel once the server runs it, so that what is stopped is the run and not its start.
    const latestRun = async () => {
      const response = await ide.page.request.get(`${ide.server.baseUrl}/api/executions?limit=1`);
      const { data } = (await response.json()) as { data: { items: { status: string; program_preview: string }[] } };
      return data.items[0];
    };
    for (const deadline = Date.now() + 30_000; (await latestRun())?.status !== 'running'; ) {
      if (Date.now() > deadline) throw new Error('the run never started on the server');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await ide.page.locator(byTestId('cancel')).click();
    await waitForStatus(ide.page, 'cancelled', 5_000);

    // The server says so too: the run is over, not going on unseen.
    expect(await latestRun()).toMatchObject({
      status: 'cancelled',
      program_preview: 'logPrint("looping"); while(true){}',
    });
    // What it logged before it was stopped is shown.
    const rows = await outputRows(ide.page);
    expect(rows.some((row) => row.endsWith(' looping'))).toBe(true);
  });
});

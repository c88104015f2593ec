import { allOutputRows, byTestId, setScript, waitForStatus } from './support/browser';
import { pausedAt as pausedAtLine, toggleBreakpoint as toggleBreakpointAt } from './support/debugger';
import { signedInIdeSuite } from './support/ide-suite';

const SCRIPT = [
  'let square = func(n) {', // 1
  '  let sq = n * n', // 2
  '  sq', // 3
  '}', // 4
  'let total = 0', // 5
  'let i = 0', // 6
  'while (i < 5) {', // 7
  '  total = total + square(i)', // 8
  '  i = i + 1', // 9
  '}', // 10
  'logPrint("total " + total)', // 11
  'total', // 12
].join('\n');

describe('Charioteer debugs at the level of the Debug Adapter Protocol', () => {
  const ide = signedInIdeSuite();

  const toggleBreakpoint = (line: number) => toggleBreakpointAt(ide.page, line);
  const pausedAt = (line: number) => pausedAtLine(ide.page, line);

  const texts = (testId: string) => ide.page.locator(byTestId(testId)).allTextContents();

  /** Waits until the watch of `expression` shows text matching `pattern`. */
  const watchShows = (expression: string, pattern: RegExp) =>
    ide.page.waitForFunction(
      ([selector, source]) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ''),
      [`${byTestId('watch')}[data-expression="${expression}"] ${byTestId('watch-value')}`, pattern.source] as const,
      { timeout: 15_000 },
    );

  /** Where, on screen, the first `word` of editor line `line` is. */
  async function wordCentre(line: number, word: string): Promise<{ x: number; y: number }> {
    const centre = await ide.page
      .locator(`${byTestId('editor')} .cm-line`)
      .nth(line - 1)
      .evaluate((el, w) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node.textContent ?? '').search(new RegExp(`\\b${w}\\b`));
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + w.length);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        return null;
      }, word);
    if (!centre) throw new Error(`no ${word} on line ${line}`);
    return centre;
  }

  it('pauses at a conditional breakpoint only where it holds, with the watches, the call stack and values on hover', async () => {
    await setScript(ide.page, SCRIPT);
    await toggleBreakpoint(2);
    await ide.page.locator(`ch-output-panel ${byTestId('tab-debug')}`).click();
    const condition = ide.page.locator(`${byTestId('breakpoint')}[data-line="2"] ${byTestId('breakpoint-condition')}`);
    await condition.fill('n == 3');
    await condition.press('Tab');
    const add = ide.page.locator(byTestId('watch-add'));
    for (const expression of ['n * 100', 'total', 'total = 1']) {
      await add.fill(expression);
      await add.press('Enter');
    }
    await ide.page.locator(`${byTestId('watch')}[data-expression="total = 1"]`).waitFor();
    await expect(texts('watch')).resolves.toHaveLength(3);

    await ide.page.locator(byTestId('debug')).click();
    await pausedAt(2);
    // the condition held on the fourth call only: n is 3, total is 0 + 1 + 4
    await watchShows('n * 100', /^300$/);
    await watchShows('total', /^5$/);
    await watchShows('total = 1', /read-only/);
    const frames = ide.page.locator(byTestId('stack-frame'));
    await expect(frames.evaluateAll((all) => all.map((b) => b.getAttribute('data-frame')))).resolves.toEqual([
      'square:2',
      'main:8',
    ]);
    await expect(
      ide.page.locator(`${byTestId('variable')}[data-name="n"] ${byTestId('variable-value')}`).textContent(),
    ).resolves.toBe('3');

    // the caller's frame: its variables, and the editor's hover shows its values
    await frames.nth(1).click();
    // square's parameter is gone from the view: main's frame does not see it
    await ide.page.locator(`${byTestId('variable')}[data-name="n"]`).waitFor({ state: 'detached' });
    await expect(frames.nth(1).getAttribute('aria-selected')).resolves.toBe('true');
    const { x, y } = await wordCentre(9, 'i');
    await ide.page.mouse.move(x, y);
    await ide.page.locator(byTestId('value-hover'), { hasText: 'i = 3' }).waitFor({ timeout: 10_000 });

    await ide.page.locator(byTestId('debug-continue')).click();
    await waitForStatus(ide.page, 'succeeded');
    const rows = await allOutputRows(ide.page);
    expect(rows.filter((row) => row.endsWith(' total 30'))).toHaveLength(1);
    // the refused watch never ran: total was not set to 1
    expect(rows).toContain('Result: 30');
  });

  it("logs a logpoint's message into the output instead of pausing", async () => {
    await setScript(ide.page, SCRIPT);
    await toggleBreakpoint(9);
    await ide.page.locator(`ch-output-panel ${byTestId('tab-debug')}`).click();
    const message = ide.page.locator(`${byTestId('breakpoint')}[data-line="9"] ${byTestId('breakpoint-logMessage')}`);
    await message.fill('i={i} total={total}');
    await message.press('Tab');
    await ide.page.locator(byTestId('debug')).click();
    await waitForStatus(ide.page, 'succeeded');
    const rows = await allOutputRows(ide.page);
    expect(rows.filter((row) => / i=\d total=\d+$/.test(row)).map((row) => row.replace(/^.* (i=)/, '$1'))).toEqual([
      'i=0 total=0',
      'i=1 total=1',
      'i=2 total=5',
      'i=3 total=14',
      'i=4 total=30',
    ]);
  });
});

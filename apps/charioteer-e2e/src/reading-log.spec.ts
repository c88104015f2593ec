import { byTestId, outputRows, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const LONG = 'w'.repeat(400);
const SCRIPT = [
  `logPrint("${LONG}")`,
  'logPrint("first line\\nsecond line\\nthird line", "warn")',
  'let a = 1',
  'let b = a / 0',
].join('\n');

describe('Reading the log (issue 12: long, multi-line and error rows)', () => {
  const ide = signedInIdeSuite();

  it('scrolls long rows sideways, shows multi-line entries as lines of one entry, and wraps when asked (remembered)', async () => {
    await setScript(ide.page, SCRIPT);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'failed');

    const output = ide.page.locator(byTestId('output'));
    // The long row is whole, not cut with "…": the output scrolls sideways to it.
    const rows = await outputRows(ide.page);
    expect(rows.some((row) => row.endsWith(LONG))).toBe(true);
    const { scrollWidth, clientWidth } = await output.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth + 1000);
    const ellipsis = await ide.page
      .locator(`${byTestId('output')} .row`)
      .evaluateAll((els) => els.some((el) => getComputedStyle(el).textOverflow === 'ellipsis'));
    expect(ellipsis).toBe(false);

    // One entry, three lines: the first row carries level and time, the others follow under it.
    await expect(ide.page.locator(`${byTestId('log-line')}[data-level="WARN"]`).count()).resolves.toBe(1);
    const more = await ide.page.locator(byTestId('continuation')).allTextContents();
    expect(more.map((row) => row.trim()).slice(0, 2)).toEqual(['second line', 'third line']);
    await expect(ide.page.getByText('2 log entries').count()).resolves.toBe(1);

    const wrap = ide.page.locator(byTestId('wrap'));
    await wrap.click();
    // The toggle re-renders at the next change detection, not within the click.
    await ide.page.locator(`${byTestId('wrap')}[aria-pressed="true"]`).waitFor();
    const wrapped = await output.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(wrapped.scrollWidth).toBeLessThanOrEqual(wrapped.clientWidth);
    // The 400 characters now take several rows, all within the width.
    const pieces = (await outputRows(ide.page)).filter((row) => /^w+$/.test(row));
    expect(pieces.length).toBeGreaterThan(1);

    // Another page of the same browser profile (the script is unsaved: a reload would ask first).
    const other = await ide.context.newPage();
    await other.goto(ide.server.baseUrl);
    await expect(other.locator(byTestId('wrap')).getAttribute('aria-pressed')).resolves.toBe('true');
    await other.close();
  });

  it("shows the run's error whole with a link that puts the editor's caret at its line and column", async () => {
    await setScript(ide.page, SCRIPT);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'failed');

    const error = ide.page.locator(byTestId('result'));
    await expect(error.textContent()).resolves.toMatch(
      /^Error: RUNTIME_ERROR: division by zero \(line 4, column 11\)line 4:11$/,
    );

    await ide.page.locator(byTestId('error-location')).click();
    const caret = await ide.page.evaluate(() => {
      const selection = document.getSelection();
      const line = selection?.anchorNode?.parentElement?.closest('.cm-line');
      return {
        focused: !!document.activeElement?.closest('.cm-content'),
        line: line?.textContent,
        offset: selection?.anchorOffset,
      };
    });
    expect(caret.focused).toBe(true);
    expect(caret.line).toBe('let b = a / 0');
    // Typing goes in at the error's column.
    await ide.page.keyboard.insertText('!');
    await expect(
      ide.page
        .locator(`${byTestId('editor')} .cm-line`)
        .nth(3)
        .textContent(),
    ).resolves.toBe('let b = a !/ 0');
  });
});

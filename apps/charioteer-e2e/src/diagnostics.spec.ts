import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Page } from 'playwright-core';
import { byTestId, setScript } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');

/** The editor's marked ranges of one severity: their text and 1-based line. */
const marks = (page: Page, severity: 'error' | 'warning') =>
  page.locator(`${byTestId('editor')} .cm-lintRange-${severity}`).evaluateAll((els) =>
    els.map((el) => {
      const line = el.closest('.cm-line');
      const lines = Array.from(el.closest('.cm-content')?.querySelectorAll('.cm-line') ?? []);
      return { text: el.textContent, line: lines.indexOf(line as Element) + 1 };
    }),
  );

describe('Diagnostics as you type (issue 12: errors at the right place)', () => {
  const ide = signedInIdeSuite();

  it('marks a missing ) at its opening bracket on line 3, without running, and drops the mark once fixed', async () => {
    await setScript(ide.page, 'let a = 1\nlet b = 2\nlogPrint("sum " + a\nlet c = 3\nlogPrint(c)');
    await ide.page.locator(`${byTestId('editor')} .cm-lintRange-error`).waitFor();
    await expect(marks(ide.page, 'error')).resolves.toEqual([{ text: '(', line: 3 }]);
    // nothing ran: the status is still the idle one
    await expect(ide.page.locator(`${byTestId('status')}[data-status="failed"]`).count()).resolves.toBe(0);

    // the message names the bracket and where it was opened
    await ide.page.locator(`${byTestId('editor')} .cm-lintRange-error`).hover();
    await ide.page.locator('.cm-tooltip-lint', { hasText: "'(' opened at 3:9 is never closed" }).waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-diagnostics.png') });

    await setScript(ide.page, 'let a = 1\nlet b = 2\nlogPrint("sum " + a)\nlet c = 3\nlogPrint(c)');
    await ide.page.waitForFunction(
      (sel) => document.querySelectorAll(sel).length === 0,
      `${byTestId('editor')} .cm-lintRange-error`,
    );
  });

  it('marks an unterminated string at its quote and an unknown function name as a warning', async () => {
    await setScript(ide.page, 'logPrint("ok")\nlogPrint("open)\nlogPrint("x")');
    await ide.page.locator(`${byTestId('editor')} .cm-lintRange-error`).waitFor();
    await expect(marks(ide.page, 'error')).resolves.toEqual([{ text: '"', line: 2 }]);

    await setScript(ide.page, 'let twice = func(x) { x * 2 }\nlogPrint(twice(2))\nlogPrnt("typo")');
    await ide.page.locator(`${byTestId('editor')} .cm-lintRange-warning`).waitFor();
    await expect(marks(ide.page, 'warning')).resolves.toEqual([{ text: 'logPrnt', line: 3 }]);
    await expect(marks(ide.page, 'error')).resolves.toEqual([]);
  });
});

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allOutputRows, byTestId, setScript, waitForStatus } from './support/browser';
import { pausedAt as pausedAtLine, toggleBreakpoint as toggleBreakpointAt } from './support/debugger';
import { signedInIdeSuite } from './support/ide-suite';

const SCREENSHOTS = resolve(__dirname, '../../../dist/screenshots');

const LOOP = [
  'setq(total, 0)',
  'setq(i, 0)',
  'while(smaller(i, 3)) {',
  '  setq(total, add(total, i))',
  '  setq(i, add(i, 1))',
  '}',
  'logPrint("total " + total)',
  'total',
].join('\n');

describe('Charioteer debugs scripts', () => {
  const ide = signedInIdeSuite();

  const toggleBreakpoint = (line: number) => toggleBreakpointAt(ide.page, line);
  const pausedAt = (line: number) => pausedAtLine(ide.page, line);

  const variable = (name: string) =>
    ide.page.locator(`${byTestId('variable')}[data-name="${name}"] ${byTestId('variable-value')}`).textContent();

  it('stops at a breakpoint in a loop, shows the variables there, continues, steps, and follows a breakpoint moved while paused', async () => {
    await setScript(ide.page, LOOP);
    await toggleBreakpoint(4);
    await expect(ide.page.locator('.cm-breakpoint-gutter .cm-breakpoint').count()).resolves.toBe(1);

    await ide.page.locator(byTestId('debug')).click();
    await pausedAt(4);
    await expect(ide.page.locator(byTestId('paused-line')).textContent()).resolves.toBe('  setq(total, add(total, i))');
    await expect(variable('i')).resolves.toBe('0');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ide.page.screenshot({ path: join(SCREENSHOTS, 'charioteer-debugger.png') });

    await ide.page.keyboard.press('F5'); // continue: the next iteration
    await ide.page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === '1',
      `${byTestId('variable')}[data-name="i"] ${byTestId('variable-value')}`,
    );
    await pausedAt(4);

    await ide.page.locator(byTestId('debug-step_over')).click();
    await pausedAt(5);
    await expect(variable('total')).resolves.toBe('1');

    await ide.page.keyboard.press('F5');
    await pausedAt(4);
    await expect(variable('i')).resolves.toBe('2');

    // Move the breakpoint while paused: off the loop, onto the logPrint after it.
    await toggleBreakpoint(4);
    await toggleBreakpoint(7);
    await expect(ide.page.locator('.cm-breakpoint-gutter .cm-breakpoint').count()).resolves.toBe(1);
    await ide.page.locator(byTestId('debug-continue')).click();
    await pausedAt(7);
    await expect(variable('total')).resolves.toBe('3');

    await ide.page.locator(byTestId('debug-continue')).click();
    await waitForStatus(ide.page, 'succeeded');
    await expect(ide.page.locator(byTestId('debug-state')).count()).resolves.toBe(0);
    await expect(ide.page.locator(byTestId('paused-line')).count()).resolves.toBe(0);
    const rows = await allOutputRows(ide.page);
    expect(rows.filter((row) => row.endsWith(' total 3'))).toHaveLength(1);
    expect(rows).toContain('Result: 3');
  });

  it('stops on the first line when no breakpoint is set, and cancels from the pause', async () => {
    await setScript(ide.page, 'logPrint("never")\n1');
    await ide.page.locator(byTestId('debug')).click();
    await pausedAt(1);
    await ide.page.locator(byTestId('cancel')).click();
    await waitForStatus(ide.page, 'cancelled', 5_000);
    const rows = await allOutputRows(ide.page);
    expect(rows.some((row) => row.endsWith(' never'))).toBe(false);
  });

  it('says "Paused at line N" with the clock stopped, toggles breakpoints on a left click only, and shows Output and Variables side by side', async () => {
    await setScript(ide.page, LOOP);
    await toggleBreakpoint(4);
    // A right click (the context menu) leaves the gutter alone.
    const gutter = await ide.page.locator('.cm-breakpoint-gutter').boundingBox();
    const row = await ide.page
      .locator(`${byTestId('editor')} .cm-line`)
      .nth(4)
      .boundingBox();
    if (!gutter || !row) throw new Error('editor not laid out');
    await ide.page.mouse.click(gutter.x + gutter.width / 2, row.y + row.height / 2, { button: 'right' });
    await ide.page.mouse.click(gutter.x + gutter.width / 2, row.y + row.height / 2, { button: 'middle' });
    await expect(ide.page.locator('.cm-breakpoint-gutter .cm-breakpoint').count()).resolves.toBe(1);

    await ide.page.locator(byTestId('debug')).click();
    await pausedAt(4);
    const status = ide.page.locator(byTestId('status'));
    await ide.page.locator(`${byTestId('status')}[data-status="paused"]`).waitFor();
    await expect(status.textContent()).resolves.toContain('Paused at line 4');
    const elapsed = await ide.page.locator(byTestId('elapsed')).textContent();
    await ide.page.waitForTimeout(700);
    await expect(ide.page.locator(byTestId('elapsed')).textContent()).resolves.toBe(elapsed);

    const output = await ide.page.locator('ch-output-panel').boundingBox();
    const variables = await ide.page.locator('ch-variables-panel').boundingBox();
    expect(output && variables).toBeTruthy();
    if (output && variables) {
      expect(output.width).toBeGreaterThan(150);
      expect(variables.width).toBeGreaterThan(150);
      expect(variables.x).toBeGreaterThanOrEqual(output.x + output.width - 1);
      expect(Math.abs(variables.y - output.y)).toBeLessThan(2);
    }
    await expect(variable('i')).resolves.toBe('0');

    await ide.page.keyboard.press('F5');
    await ide.page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === '1',
      `${byTestId('variable')}[data-name="i"] ${byTestId('variable-value')}`,
    );
    await pausedAt(4);
    // The clock goes on between pauses and stops again at the next one.
    const later = await ide.page.locator(byTestId('elapsed')).textContent();
    await ide.page.waitForTimeout(500);
    await expect(ide.page.locator(byTestId('elapsed')).textContent()).resolves.toBe(later);
    await ide.page.locator(byTestId('cancel')).click();
    await waitForStatus(ide.page, 'cancelled', 5_000);
    // Once the run is over the panes are tabs again, the log in front.
    await expect(ide.page.locator('ch-variables-panel').isVisible()).resolves.toBe(false);
  });
});

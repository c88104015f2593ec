import type { Page } from 'playwright-core';
import { byTestId } from './browser';

/** Clicks the breakpoint gutter beside the n-th (1-based) line of the editor. */
export async function toggleBreakpoint(page: Page, line: number): Promise<void> {
  const gutter = await page.locator('.cm-breakpoint-gutter').boundingBox();
  const row = await page
    .locator(`${byTestId('editor')} .cm-line`)
    .nth(line - 1)
    .boundingBox();
  if (!gutter || !row) throw new Error('editor not laid out');
  await page.mouse.click(gutter.x + gutter.width / 2, row.y + row.height / 2);
}

/** Waits until the debugger says the run is paused at `line`. */
export function pausedAt(page: Page, line: number): Promise<void> {
  return page.locator(byTestId('debug-state'), { hasText: `Paused at line ${line}` }).waitFor({ timeout: 15_000 });
}

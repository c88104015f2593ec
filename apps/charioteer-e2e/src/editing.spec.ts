import { Page } from 'playwright-core';
import { byTestId, setScript } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

const EDITOR = `${byTestId('editor')} .cm-content`;

/** The editor's lines, as the user sees them. */
const editorText = (page: Page) =>
  page
    .locator(`${byTestId('editor')} .cm-line`)
    .evaluateAll((lines) => lines.map((l) => l.textContent ?? '').join('\n'));

const completionLabels = (page: Page) =>
  page.locator('.cm-tooltip-autocomplete li .cm-completionLabel').allTextContents();

describe('Editing in the IDE (issue 12: Tab, indentation, completion)', () => {
  const ide = signedInIdeSuite();

  it('indents with Tab and Shift+Tab, keeps typing in the editor, and leaves it with Escape then Tab', async () => {
    await setScript(ide.page, 'a()');
    await ide.page.keyboard.press('Home');
    await ide.page.keyboard.press('Tab');
    await ide.page.keyboard.type('b');
    // Tab did not move the focus away: what was typed next landed in the editor.
    await expect(editorText(ide.page)).resolves.toBe('  ba()');
    await ide.page.keyboard.press('Shift+Tab');
    await expect(editorText(ide.page)).resolves.toBe('ba()');

    await ide.page.keyboard.press('Escape');
    await ide.page.keyboard.press('Tab');
    const focusInEditor = await ide.page.evaluate(
      (selector) => document.querySelector(selector)?.contains(document.activeElement),
      EDITOR,
    );
    expect(focusInEditor).toBe(false);
    await expect(editorText(ide.page)).resolves.toBe('ba()');
  });

  it('indents the line after an opening brace and puts a closing brace back', async () => {
    await setScript(ide.page, '');
    await ide.page.keyboard.type('while (i < 3) {');
    await ide.page.keyboard.press('Enter');
    // The auto-closed brace went to its own line, the caret one level in.
    await ide.page.keyboard.type('setq(i, add(i, 1))');
    await expect(editorText(ide.page)).resolves.toBe('while (i < 3) {\n  setq(i, add(i, 1))\n}');

    // Typed by hand (no auto-closed brace below), `}` goes back to where its block opened.
    await setScript(ide.page, 'if (x) {\n  if (y) {\n    a()');
    await ide.page.keyboard.press('Control+End');
    await ide.page.keyboard.press('Enter');
    await ide.page.keyboard.type('}');
    await ide.page.keyboard.press('Enter');
    await ide.page.keyboard.type('}');
    await expect(editorText(ide.page)).resolves.toBe('if (x) {\n  if (y) {\n    a()\n  }\n}');
  });

  it('makes a new line on Enter while the completion list is open, and accepts only after moving into it', async () => {
    await setScript(ide.page, '');
    await ide.page.keyboard.type('i');
    await ide.page.locator('.cm-tooltip-autocomplete').waitFor();
    await ide.page.waitForTimeout(200);
    await ide.page.keyboard.press('Enter');
    await expect(editorText(ide.page)).resolves.toBe('i\n');

    await ide.page.keyboard.type('whi');
    await ide.page.locator('.cm-tooltip-autocomplete li', { hasText: 'while' }).first().waitFor();
    await ide.page.keyboard.press('ArrowDown');
    await ide.page.waitForTimeout(200);
    await ide.page.keyboard.press('Enter');
    await expect(editorText(ide.page)).resolves.toBe('i\nwhile');
  });

  it("offers the script's own variables and functions before builtins, and everything on Ctrl+Space", async () => {
    await setScript(ide.page, 'setq(logTotal, func(n) { n })\nlet logCount = 0;\n');
    await ide.page.keyboard.type('log');
    await ide.page.locator('.cm-tooltip-autocomplete li', { hasText: 'logPrint' }).first().waitFor();
    const labels = await completionLabels(ide.page);
    // The script's names come first (alphabetical within their section, like each section).
    expect(labels.slice(0, 2).sort()).toEqual(['logCount', 'logTotal']);
    expect(labels).toContain('logPrint');
    await ide.page.keyboard.press('Escape');

    await ide.page.keyboard.press('Enter');
    await ide.page.keyboard.press('Control+Space');
    await ide.page.locator('.cm-tooltip-autocomplete').waitFor();
    const all = await completionLabels(ide.page);
    expect(all.slice(0, 3).sort()).toEqual(['logCount', 'logTotal', 'n']);
    expect(all.length).toBeGreaterThan(10);
  });
});

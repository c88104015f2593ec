import { byTestId, setScript, waitForStatus } from './support/browser';
import { signedInIdeSuite } from './support/ide-suite';

// Chariot source: `\x1b` is the language's hex escape (our addition), ESC in the string.
const SCRIPT = String.raw`logPrint("\x1b[1;31mbold red\x1b[0m plain \x1b[38;5;208morange\x1b[0m \x1b[38;2;10;200;30mtrue\x1b[0m \x1b[3;4mitalic under\x1b[22;23;24m \u00e9")
1`;

interface SpanStyle {
  text: string;
  color: string;
  weight: string;
  fontStyle: string;
  decoration: string;
}

describe('Charioteer renders ANSI colours in the output', () => {
  const ide = signedInIdeSuite();

  it('shows 16, 256 and true colours, bold, italic and underline as styled text, and searches and copies it without the codes', async () => {
    await ide.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ide.server.baseUrl });
    await setScript(ide.page, SCRIPT);
    await ide.page.locator(byTestId('run')).click();
    await waitForStatus(ide.page, 'succeeded');

    const row = ide.page.locator(byTestId('log-line')).first();
    await expect(row.textContent()).resolves.toMatch(/^\[INFO\] \S+ bold red plain orange true italic under é$/);
    const spans: SpanStyle[] = await row.locator('span').evaluateAll((els) =>
      els.map((el) => {
        const style = getComputedStyle(el);
        return {
          text: el.textContent ?? '',
          color: style.color,
          weight: style.fontWeight,
          fontStyle: style.fontStyle,
          decoration: style.textDecorationLine,
        };
      }),
    );
    const span = (text: string) => spans.find((s) => s.text === text);
    expect(span('bold red')).toMatchObject({ color: 'rgb(205, 49, 49)', weight: '700' });
    expect(span('orange')).toMatchObject({ color: 'rgb(255, 135, 0)' });
    expect(span('true')).toMatchObject({ color: 'rgb(10, 200, 30)' });
    expect(span('italic under')).toMatchObject({ fontStyle: 'italic', decoration: 'underline' });
    // After the reset the text has the row's colour again, not the last ANSI one.
    const plain = spans.find((s) => s.text.includes('plain'));
    expect(plain?.color).not.toBe('rgb(205, 49, 49)');

    // Search matches across a colour change (the codes are not in the searched text).
    await ide.page.locator(byTestId('search')).fill('red plain');
    await ide.page.locator(byTestId('search-count'), { hasText: /^\s*1\/1\s*$/ }).waitFor();
    await ide.page.locator(byTestId('search')).fill('[31m');
    await ide.page.locator(byTestId('search-count'), { hasText: /^\s*0\/0\s*$/ }).waitFor();

    await ide.page.locator(byTestId('copy')).click();
    await ide.page.locator(byTestId('copy'), { hasText: 'Copied' }).waitFor();
    const copied = await ide.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('bold red plain orange true italic under é');
    expect(copied).not.toContain('\x1b');
  });
});

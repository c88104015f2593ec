import { escapeControlCharacters } from './control-characters';

describe('escapeControlCharacters', () => {
  it('turns line breaks into visible escapes, so a message stays on its line', () => {
    expect(escapeControlCharacters('one\n2026-01-01T00:00:00Z [ERROR] forged\r\n')).toBe(
      'one\\n2026-01-01T00:00:00Z [ERROR] forged\\r\\n',
    );
  });

  it('escapes ESC, BEL, NUL, DEL and the C1 CSI that start terminal sequences', () => {
    expect(escapeControlCharacters('\u001b[31mred\u001b]0;title\u0007\u0000\u007f\u009b2J')).toBe(
      '\\x1b[31mred\\x1b]0;title\\x07\\x00\\x7f\\x9b2J',
    );
  });

  it('escapes Unicode line separators and bidirectional overrides', () => {
    expect(escapeControlCharacters('a\u2028b\u202ecba\u2066')).toBe('a\\u2028b\\u202ecba\\u2066');
  });

  it('keeps tabs, quotes, backslashes and every printable character as they are', () => {
    const text = 'tab\there "quoted" C:\\dir € 日本 🚀';
    expect(escapeControlCharacters(text)).toBe(text);
  });
});

import { forTerminal } from './terminal-text';

describe('forTerminal', () => {
  it('shows line breaks, ESC, BEL, DEL and C1 controls as escapes', () => {
    expect(forTerminal('a\nb\r\u001b[2J\u001b]0;title\u0007\u007f\u009b')).toBe(
      'a\\nb\\r\\x1b[2J\\x1b]0;title\\x07\\x7f\\x9b',
    );
  });

  it('shows bidirectional overrides and line separators as escapes', () => {
    expect(forTerminal('x\u202ey\u2069\u2028')).toBe('x\\u202ey\\u2069\\u2028');
  });

  it('keeps tabs and printable text, non-ASCII included', () => {
    expect(forTerminal('a\tb "c" d\\e € 日本')).toBe('a\tb "c" d\\e € 日本');
  });
});

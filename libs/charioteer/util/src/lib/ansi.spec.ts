import { ANSI_16, ansi256, applySgr, parseAnsi, stripAnsi } from './ansi';

const ESC = '\x1b';

describe('parseAnsi (SGR)', () => {
  it('leaves plain text alone, with no runs', () => {
    expect(parseAnsi('plain text')).toEqual({ text: 'plain text', runs: [], end: {} });
  });

  it('styles the 16 colours, foreground and background, bright ones too, until reset', () => {
    const { text, runs } = parseAnsi(`a${ESC}[31mred${ESC}[0m b${ESC}[92;44mgo${ESC}[m!`);
    expect(text).toBe('ared bgo!');
    expect(runs).toEqual([
      { from: 1, to: 4, style: { fg: ANSI_16[1] } },
      { from: 6, to: 8, style: { fg: ANSI_16[10], bg: ANSI_16[4] } },
    ]);
  });

  it('reads 256-colour and true-colour codes', () => {
    expect(parseAnsi(`${ESC}[38;5;208mo`).runs[0].style).toEqual({ fg: '#ff8700' });
    expect(parseAnsi(`${ESC}[48;5;232mo`).runs[0].style).toEqual({ bg: '#080808' });
    expect(parseAnsi(`${ESC}[38;5;4mo`).runs[0].style).toEqual({ fg: ANSI_16[4] });
    expect(parseAnsi(`${ESC}[38;2;10;20;30;48;2;255;0;128mo`).runs[0].style).toEqual({ fg: '#0a141e', bg: '#ff0080' });
    expect(ansi256(16)).toBe('#000000');
    expect(ansi256(231)).toBe('#ffffff');
  });

  it('sets and clears bold, italic and underline one by one, and the default colours', () => {
    let style = applySgr({}, '1;3;4;31;42');
    expect(style).toEqual({ bold: true, italic: true, underline: true, fg: ANSI_16[1], bg: ANSI_16[2] });
    style = applySgr(style, '22;23');
    expect(style).toEqual({ underline: true, fg: ANSI_16[1], bg: ANSI_16[2] });
    style = applySgr(style, '24;39;49');
    expect(style).toEqual({});
  });

  it('ignores malformed extended colours and unknown codes, and removes other escape sequences', () => {
    expect(parseAnsi(`${ESC}[38;5;999mx${ESC}[38;2;1mx${ESC}[7mx`).runs).toEqual([]);
    expect(parseAnsi(`${ESC}[2K${ESC}[1Gcleared${ESC}]0;title${ESC}\\ ${ESC}(Bok${ESC}[?25l`).text).toBe('cleared ok');
  });

  it('carries the style across the lines of one entry', () => {
    const first = parseAnsi(`${ESC}[33mone`);
    const second = parseAnsi('two', first.end);
    expect(second.runs).toEqual([{ from: 0, to: 3, style: { fg: ANSI_16[3] } }]);
  });

  it('strips every escape sequence for search and copy, and never turns text into markup', () => {
    expect(stripAnsi(`${ESC}[1;31m<b>x</b>${ESC}[0m`)).toBe('<b>x</b>');
    expect(stripAnsi('no escapes')).toBe('no escapes');
  });
});

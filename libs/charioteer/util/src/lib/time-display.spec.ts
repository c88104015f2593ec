import { formatRelativeTime } from './log-format';
import { OutputLineFactory } from './output-line';
import { shownText } from './time-display';

describe('shownText (time display)', () => {
  const f = new OutputLineFactory();
  const start = Date.parse('2026-01-01T10:00:00.000Z');
  const [first, second] = f.log({ seq: 1, timestamp: '2026-01-01T10:01:02.345Z', level: 'WARN', message: 'a\nb' });

  it('shows the time as stored, since the start (same width), or not at all (continuation rows follow)', () => {
    expect(shownText(first, 'absolute', start)).toEqual({ text: first.text, shift: 0 });
    const relative = shownText(first, 'relative', start);
    expect(relative.text).toBe('[WARN] +01:02.345   a');
    expect(relative.text.length).toBe(first.text.length);
    expect(shownText(first, 'hidden', start)).toEqual({ text: '[WARN] a', shift: -13 });
    expect(shownText(second, 'hidden', start).text).toBe('       b');
    expect(shownText(f.status('Starting'), 'hidden', start).text).toBe('Starting');
  });

  it('formats the time since the start', () => {
    expect(formatRelativeTime(0)).toBe('+00:00.000');
    expect(formatRelativeTime(62_345)).toBe('+01:02.345');
    expect(formatRelativeTime(3_723_004)).toBe('+1:02:03.004');
    expect(formatRelativeTime(-5)).toBe('+00:00.000');
  });
});

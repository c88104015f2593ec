import { formatLogLine, formatLogTime } from './log-format';
import { formatError, formatValue } from './format-value';
import { OutputLineFactory } from './output-line';

describe('log formatting', () => {
  const ts = new Date(2026, 0, 2, 3, 4, 5, 67).toISOString();

  it('formats an entry as [LEVEL] time message', () => {
    expect(formatLogLine({ seq: 1, timestamp: ts, level: 'WARN', message: 'careful' })).toBe(
      '[WARN] 03:04:05.067 careful',
    );
  });

  it('keeps multi-line messages on one row', () => {
    expect(formatLogLine({ seq: 1, timestamp: ts, level: 'INFO', message: 'a\nb' })).toBe(
      '[INFO] 03:04:05.067 a ↵ b',
    );
  });

  it('shows an unparseable timestamp as it came', () => {
    expect(formatLogTime('soon')).toBe('soon');
  });
});

describe('value and error formatting', () => {
  it('renders results as JSON', () => {
    expect(formatValue(3)).toBe('3');
    expect(formatValue('hi')).toBe('"hi"');
    expect(formatValue({ a: [1] })).toBe('{"a":[1]}');
    expect(formatValue(undefined)).toBe('null');
  });

  it('names the error position', () => {
    expect(formatError({ code: 'SYNTAX_ERROR', message: 'bad', line: 2, column: 5 })).toBe(
      'SYNTAX_ERROR: bad (line 2, column 5)',
    );
    expect(formatError({ code: 'VALIDATION_FAILED', message: 'no', details: ['program'] })).toBe(
      'VALIDATION_FAILED: no [program]',
    );
  });
});

describe('OutputLineFactory', () => {
  it('gives every row a unique ascending id', () => {
    const f = new OutputLineFactory();
    const rows = [
      f.status('Starting execution...'),
      f.separator('Streaming Logs'),
      f.log({ seq: 1, timestamp: 'x', level: 'INFO', message: 'm' }),
      f.result(3),
      f.error('boom'),
    ];
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((r) => r.text)).toEqual([
      'Starting execution...',
      '--- Streaming Logs ---',
      '[INFO] x m',
      'Result: 3',
      'Error: boom',
    ]);
    expect(rows[2].level).toBe('INFO');
  });
});

import { formatLogRows, formatLogTime } from './log-format';
import { formatError, formatValue } from './format-value';
import { OutputLineFactory } from './output-line';

describe('log formatting', () => {
  const ts = new Date(2026, 0, 2, 3, 4, 5, 67).toISOString();

  it('formats an entry as [LEVEL] time message', () => {
    expect(formatLogRows({ seq: 1, timestamp: ts, level: 'WARN', message: 'careful' })).toEqual([
      '[WARN] 03:04:05.067 careful',
    ]);
  });

  it('shows the further lines of a multi-line message under the first, aligned with it', () => {
    expect(formatLogRows({ seq: 1, timestamp: ts, level: 'INFO', message: 'a\r\n  b\nc' })).toEqual([
      '[INFO] 03:04:05.067 a',
      '                      b',
      '                    c',
    ]);
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
      ...f.log({ seq: 1, timestamp: 'x', level: 'INFO', message: 'm' }),
      f.result(3),
      ...f.error('boom'),
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

  it('splits a multi-line entry into rows of one entry, and keeps an error whole with its location', () => {
    const f = new OutputLineFactory();
    const rows = f.log({ seq: 1, timestamp: 'x', level: 'WARN', message: 'one\ntwo' });
    expect(rows.map((r) => [r.text, r.level, r.continuation ?? false])).toEqual([
      ['[WARN] x one', 'WARN', false],
      ['         two', 'WARN', true],
    ]);
    expect(rows[1].entry).toBe(rows[0].entry);

    const [error, more] = f.error({ code: 'RUNTIME_ERROR', message: 'bad\nthing', line: 3, column: 7 });
    expect(error).toMatchObject({ kind: 'error', text: 'Error: RUNTIME_ERROR: bad', location: { line: 3, column: 7 } });
    expect(more).toMatchObject({ kind: 'error', text: '       thing (line 3, column 7)', continuation: true });
    expect(more.location).toBeUndefined();
  });
});

import type { ApiErrorBody, LogEntry, LogLevel } from '@chariot/contract';
import { parseAnsi, StyledRun } from './ansi';
import { continuedRows, formatLogRows } from './log-format';
import { GROUP_END, GROUP_START } from './log-groups';
import { formatError, formatValue } from './format-value';

/**
 * What a row of the output panel is. Lifecycle lines (`status`, `separator`) are never
 * disguised as log entries; `log` rows carry the entry so filters and search can use it.
 */
export type OutputLineKind = 'status' | 'separator' | 'log' | 'result' | 'error' | 'notice';

export interface OutputLine {
  /** Unique within one output buffer: the virtual-scroll trackBy key. */
  readonly id: number;
  readonly kind: OutputLineKind;
  /** The rendered text, without ANSI escape sequences. Always shown as text, never as HTML. */
  readonly text: string;
  /** Stretches of `text` its ANSI SGR codes colour or style (a log entry's message only). */
  readonly runs?: readonly StyledRun[];
  readonly level?: LogLevel;
  readonly entry?: LogEntry;
  /** A further line of a multi-line entry or error, shown under its first row. */
  readonly continuation?: boolean;
  /** Where in the script an error points (1-based): the output links to it. */
  readonly location?: ScriptLocation;
  /** A `::group::name` entry opens a group of the lines after it, a `::endgroup::` one closes it. */
  readonly group?: 'start' | 'end';
  readonly groupName?: string;
}

export interface ScriptLocation {
  line: number;
  column?: number;
}

/** Builds output rows with ascending ids; one builder per output buffer. */
export class OutputLineFactory {
  private next = 1;

  status(text: string): OutputLine {
    return { id: this.next++, kind: 'status', text };
  }

  separator(title: string): OutputLine {
    return { id: this.next++, kind: 'separator', text: `--- ${title} ---` };
  }

  /**
   * The rows of a log entry: its first line, then the others as continuations. ANSI escape
   * sequences leave the text; their styles become `runs` (carried from one line to the next).
   */
  log(entry: LogEntry): OutputLine[] {
    if (entry.message.startsWith(GROUP_START) && !entry.message.includes('\n')) {
      const name = parseAnsi(entry.message.slice(GROUP_START.length)).text;
      const [text] = formatLogRows({ ...entry, message: name });
      return [{ id: this.next++, kind: 'log', text, level: entry.level, entry, group: 'start', groupName: name }];
    }
    if (entry.message === GROUP_END) {
      return [{ id: this.next++, kind: 'log', text: formatLogRows(entry)[0], level: entry.level, entry, group: 'end' }];
    }
    const rows = formatLogRows(entry);
    // The `[LEVEL] time ` prefix, and the indentation of further lines, are as wide.
    const prefix = rows[0].length - (entry.message.split(/\r?\n/, 1)[0] ?? '').length;
    let style = {};
    return rows.map((row, i) => {
      const message = parseAnsi(row.slice(prefix), style);
      style = message.end;
      return {
        id: this.next++,
        kind: 'log',
        text: message.runs.length || message.text.length !== row.length - prefix ? row.slice(0, prefix) + message.text : row,
        ...(message.runs.length && { runs: message.runs.map((run) => ({ ...run, from: run.from + prefix, to: run.to + prefix })) }),
        level: entry.level,
        entry,
        ...(i > 0 && { continuation: true }),
      };
    });
  }

  /** What the user should know about the output itself, e.g. lines dropped past the log cap. */
  notice(text: string): OutputLine {
    return { id: this.next++, kind: 'notice', text };
  }

  result(value: unknown): OutputLine {
    return { id: this.next++, kind: 'result', text: `Result: ${formatValue(value)}` };
  }

  /** The rows of an error, whole (a multi-line message goes on in continuation rows); the first carries its script location. */
  error(error: ApiErrorBody | string): OutputLine[] {
    const text = typeof error === 'string' ? error : formatError(error);
    const location = typeof error !== 'string' && error.line !== undefined ? { line: error.line, column: error.column } : undefined;
    return continuedRows('Error: ', text).map((row, i) => ({
      id: this.next++,
      kind: 'error',
      text: row,
      ...(i === 0 ? location && { location } : { continuation: true }),
    }));
  }
}

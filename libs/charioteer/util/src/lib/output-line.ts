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
  /**
   * Where the entry's time is in `text` (`[timeFrom, timeTo)`; blanks on a continuation row), so
   * the output can show it relative to the start, or not at all.
   */
  readonly timeFrom?: number;
  readonly timeTo?: number;
  /** A `::group::name` entry opens a group of the lines after it, a `::endgroup::` one closes it. */
  readonly group?: 'start' | 'end';
  readonly groupName?: string;
}

export interface ScriptLocation {
  line: number;
  column?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Characters of the first line of `text` (a CR before its LF excluded). */
function firstLineLength(text: string): number {
  const end = text.indexOf('\n');
  if (end === -1) return text.length;
  return text.charCodeAt(end - 1) === 13 ? end - 1 : end;
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
    const message = entry.message;
    if (message.startsWith(GROUP_START) && !message.includes('\n')) {
      const name = parseAnsi(message.slice(GROUP_START.length)).text;
      const [text] = formatLogRows({ ...entry, message: name });
      const timeTo = text.length - name.length - 1;
      return [
        {
          id: this.next++,
          kind: 'log',
          text,
          level: entry.level,
          entry,
          group: 'start',
          groupName: name,
          timeFrom: entry.level.length + 3,
          timeTo,
        },
      ];
    }
    if (message === GROUP_END) {
      return [{ id: this.next++, kind: 'log', text: formatLogRows(entry)[0], level: entry.level, entry, group: 'end' }];
    }
    const rows = formatLogRows(entry);
    // The `[LEVEL] time ` prefix, and the indentation of further lines, are as wide.
    const prefix = rows[0].length - firstLineLength(message);
    const timeFrom = entry.level.length + 3;
    // Built without object spreads: this runs for every line of a 100,000-line stream.
    const lines: OutputLine[] = [];
    let style = {};
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const parsed = parseAnsi(row.slice(prefix), style);
      style = parsed.end;
      const line: Mutable<OutputLine> = {
        id: this.next++,
        kind: 'log',
        text: row,
        level: entry.level,
        entry,
        timeFrom,
        timeTo: prefix - 1,
      };
      if (parsed.text.length !== row.length - prefix || parsed.runs.length) {
        line.text = row.slice(0, prefix) + parsed.text;
        if (parsed.runs.length)
          line.runs = parsed.runs.map((run) => ({ from: run.from + prefix, to: run.to + prefix, style: run.style }));
      }
      if (i > 0) line.continuation = true;
      lines.push(line);
    }
    return lines;
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
    const location =
      typeof error !== 'string' && error.line !== undefined ? { line: error.line, column: error.column } : undefined;
    return continuedRows('Error: ', text).map((row, i) => ({
      id: this.next++,
      kind: 'error',
      text: row,
      ...(i === 0 ? location && { location } : { continuation: true }),
    }));
  }
}

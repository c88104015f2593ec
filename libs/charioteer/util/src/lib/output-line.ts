import type { ApiErrorBody, LogEntry, LogLevel } from '@chariot/contract';
import { continuedRows, formatLogRows } from './log-format';
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
  /** The rendered text. Always shown as text, never as HTML. */
  readonly text: string;
  readonly level?: LogLevel;
  readonly entry?: LogEntry;
  /** A further line of a multi-line entry or error, shown under its first row. */
  readonly continuation?: boolean;
  /** Where in the script an error points (1-based): the output links to it. */
  readonly location?: ScriptLocation;
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

  /** The rows of a log entry: its first line, then the others as continuations. */
  log(entry: LogEntry): OutputLine[] {
    return formatLogRows(entry).map((text, i) => ({
      id: this.next++,
      kind: 'log',
      text,
      level: entry.level,
      entry,
      ...(i > 0 && { continuation: true }),
    }));
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

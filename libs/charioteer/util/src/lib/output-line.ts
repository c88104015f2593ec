import type { ApiErrorBody, LogEntry, LogLevel } from '@chariot/contract';
import { formatLogLine } from './log-format';
import { formatError, formatValue } from './format-value';

/**
 * What a row of the output panel is. Lifecycle lines (`status`, `separator`) are never
 * disguised as log entries; `log` rows carry the entry so filters and search can use it.
 */
export type OutputLineKind = 'status' | 'separator' | 'log' | 'result' | 'error';

export interface OutputLine {
  /** Unique within one output buffer: the virtual-scroll trackBy key. */
  readonly id: number;
  readonly kind: OutputLineKind;
  /** The rendered text. Always shown as text, never as HTML. */
  readonly text: string;
  readonly level?: LogLevel;
  readonly entry?: LogEntry;
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

  log(entry: LogEntry): OutputLine {
    return { id: this.next++, kind: 'log', text: formatLogLine(entry), level: entry.level, entry };
  }

  result(value: unknown): OutputLine {
    return { id: this.next++, kind: 'result', text: `Result: ${formatValue(value)}` };
  }

  error(error: ApiErrorBody | string): OutputLine {
    const text = typeof error === 'string' ? error : formatError(error);
    return { id: this.next++, kind: 'error', text: `Error: ${text}` };
  }
}

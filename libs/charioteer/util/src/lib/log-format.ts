import type { LogEntry } from '@chariot/contract';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `HH:MM:SS.mmm` in local time; the raw text if it is not a parseable timestamp. */
export function formatLogTime(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) {
    return timestamp;
  }
  return (
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` + `.${pad(date.getMilliseconds(), 3)}`
  );
}

/** How the output shows each entry's time: the clock time, the time since the run started, or none. */
export type TimeDisplay = 'absolute' | 'relative' | 'hidden';
export const TIME_DISPLAYS: readonly TimeDisplay[] = ['absolute', 'relative', 'hidden'];

/** `+MM:SS.mmm` (or `+H:MM:SS.mmm`) since the run started; negative offsets read as zero. */
export function formatRelativeTime(ms: number): string {
  const total = Math.max(0, Math.round(Number.isFinite(ms) ? ms : 0));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  const clock = `${pad(minutes)}:${pad(seconds)}.${pad(total % 1000, 3)}`;
  return `+${hours ? `${hours}:${clock}` : clock}`;
}

/**
 * `[LEVEL] time message` as the rows of the output panel: a multi-line message goes on under
 * its first line, each further line indented to where the message starts (one row each, so
 * every row keeps the fixed height the virtual-scrolled panel relies on).
 */
export function formatLogRows(entry: LogEntry): string[] {
  const prefix = `[${entry.level}] ${formatLogTime(entry.timestamp)} `;
  return continuedRows(prefix, entry.message);
}

/** `prefix` + the first line of `text`, then its other lines indented by the prefix's width. */
export function continuedRows(prefix: string, text: string): string[] {
  if (!text.includes('\n')) return [prefix + text]; // nearly every entry: no split, no regex
  const [first, ...rest] = text.split(/\r?\n/);
  const indent = ' '.repeat(prefix.length);
  return [prefix + first, ...rest.map((line) => indent + line)];
}

/** `0.4s`, `12.3s`, `2m 05s`, `1h 02m`: the run badge and the history list. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

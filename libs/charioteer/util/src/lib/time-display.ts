import type { TimeDisplay } from './log-format';
import { formatRelativeTime } from './log-format';
import type { OutputLine } from './output-line';

/** A row's text as shown, and how far its message moved from where it is in `line.text`. */
export interface ShownText {
  text: string;
  shift: number;
}

/**
 * The text of `line` with its time shown as asked: as stored (absolute), as the time since
 * `start` (epoch ms; same width, so nothing else moves) or left out with its space (the message
 * moves left by `shift`, continuation rows too). Rows without a time are as they are.
 */
export function shownText(line: OutputLine, display: TimeDisplay, start: number | null): ShownText {
  const { timeFrom, timeTo } = line;
  if (display === 'absolute' || timeFrom === undefined || timeTo === undefined) return { text: line.text, shift: 0 };
  if (display === 'hidden') {
    return { text: line.text.slice(0, timeFrom) + line.text.slice(timeTo + 1), shift: -(timeTo - timeFrom + 1) };
  }
  if (line.continuation || start === null || !line.entry) return { text: line.text, shift: 0 };
  const relative = formatRelativeTime(Date.parse(line.entry.timestamp) - start).padEnd(timeTo - timeFrom);
  const shift = relative.length - (timeTo - timeFrom);
  return { text: line.text.slice(0, timeFrom) + relative + line.text.slice(timeTo), shift };
}

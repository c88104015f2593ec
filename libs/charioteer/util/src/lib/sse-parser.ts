/** One Server-Sent Events frame: what an EventSource would dispatch as one event. */
export interface SseFrame {
  /** `message` unless the frame named another with `event:`. */
  event: string;
  data: string;
  /** The frame's `id:`, when it had one. */
  id?: string;
  /** A `retry:` reconnection delay (ms), when the frame carried one. */
  retry?: number;
}

/**
 * Cuts a `text/event-stream` body, fed in pieces as the network delivers them, into frames
 * (the WHATWG event-stream grammar: `field: value` lines, a blank line ends a frame, `:`
 * comments ignored). It exists so the IDE can read a stream with fetch and hand out frames in
 * batches it paces itself: an EventSource dispatches one DOM event per frame, on the main
 * thread, as fast as the network fills it (100,000 lines were seconds of blocked page).
 */
export class SseParser {
  private rest = '';

  /** The frames completed by `chunk` (a partial frame waits for the next chunk). */
  push(chunk: string): SseFrame[] {
    let text = this.rest + chunk;
    // CR LF and lone CR end lines too; the server sends LF, so this is rarely paid for.
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    const end = text.lastIndexOf('\n\n');
    if (end === -1) {
      this.rest = text;
      return [];
    }
    this.rest = text.slice(end + 2);
    const frames: SseFrame[] = [];
    let event = '';
    let data: string[] = [];
    let id: string | undefined;
    let retry: number | undefined;
    let from = 0;
    const last = end + 1;
    while (from <= last) {
      let to = text.indexOf('\n', from);
      if (to === -1 || to > last) to = last;
      if (to === from) {
        // A blank line: the frame is complete (one without data is no event, as in EventSource).
        if (data.length)
          frames.push({
            event: event || 'message',
            data: data.join('\n'),
            ...(id !== undefined && { id }),
            ...(retry !== undefined && { retry }),
          });
        else if (retry !== undefined) frames.push({ event: '', data: '', retry });
        event = '';
        data = [];
        id = undefined;
        retry = undefined;
      } else if (text.charCodeAt(from) !== 58 /* ':' comment */) {
        const colon = text.indexOf(':', from);
        const hasValue = colon !== -1 && colon < to;
        const field = text.slice(from, hasValue ? colon : to);
        let valueFrom = hasValue ? colon + 1 : to;
        if (hasValue && text.charCodeAt(valueFrom) === 32) valueFrom++;
        const value = text.slice(valueFrom, to);
        if (field === 'data') data.push(value);
        else if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
      }
      from = to + 1;
    }
    return frames;
  }
}

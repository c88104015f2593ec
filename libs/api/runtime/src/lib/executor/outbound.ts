import { ChariotRuntimeError } from '@chariot/language';
import type { JsonValue } from '@chariot/language';

/**
 * What leaves a script for the main thread is serialised and cut here, on the executor thread:
 * a huge value would otherwise be copied to the thread that answers HTTP and stall it.
 */

/** The result as JSON text, or RESULT_TOO_LARGE when its text is over `maxBytes` (UTF-8). */
export function serialiseResult(value: JsonValue, maxBytes: number): string {
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    // V8's longest string is about 512 MiB: a result past that cannot even be written out
    throw tooLarge('over 512 MiB', maxBytes);
  }
  // a string of n UTF-16 units takes between n and 3n bytes: count only when it may matter
  if (json.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > maxBytes) throw tooLarge(`${bytes} bytes`, maxBytes);
  }
  return json;
}

function tooLarge(size: string, maxBytes: number): ChariotRuntimeError {
  return new ChariotRuntimeError(
    `the result is too large to return (${size}; the limit is ${maxBytes} bytes, MAX_RESULT_BYTES): return a smaller value or log it in parts`,
    'RESULT_TOO_LARGE',
  );
}

/** `text` cut to at most `maxBytes` of UTF-8, with a marker saying how much was cut. */
export function capMessage(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return text;
  const marker = ` … [cut: ${bytes} bytes in all]`;
  const room = maxBytes - Buffer.byteLength(marker, 'utf8');
  let kept = text.slice(0, Math.max(0, room));
  while (Buffer.byteLength(kept, 'utf8') > room) kept = kept.slice(0, Math.floor(kept.length * 0.9));
  return kept + marker;
}

/**
 * C0 controls but tab, DEL, C1 controls (U+009B is a one-byte CSI to some terminals), the
 * Unicode line and paragraph separators, and the bidirectional overrides and isolates that
 * reorder what a reader sees ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  return (
    NAMED[char] ??
    (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/**
 * Text that is safe to put on one line of a plain-text file or a terminal: every control
 * character becomes a visible escape (`\n`, `\r`, `\x1b`, `\u202e`), so a message can neither
 * forge further lines nor send escape sequences (colours, cursor moves, OSC titles or links).
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * Control characters a terminal would act on: C0 but tab, DEL, C1 (U+009B is a one-byte CSI),
 * the Unicode line and paragraph separators, and the bidirectional overrides and isolates.
 * (The server's logs.txt escapes the same set, in api-common; the CLI may not depend on it.)
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * One line of script output as the terminal should show it: a message cannot start a new
 * line, move the cursor, recolour the screen or set the window title; each control character
 * is shown as `\n`, `\x1b`, `\u202e`…
 */
export function forTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    const hex = char.charCodeAt(0).toString(16);
    return char.charCodeAt(0) < 0x100 ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
  });
}

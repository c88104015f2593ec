/** What ANSI SGR codes set on a stretch of text. Colours are CSS colours made here, never log text. */
export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** A styled stretch `[from, to)` of the text with the escape sequences removed. */
export interface StyledRun {
  from: number;
  to: number;
  style: AnsiStyle;
}

export interface AnsiText {
  /** The text without any escape sequence: what search, copy and download see. */
  text: string;
  /** Only the stretches with a style; plain text has none. */
  runs: StyledRun[];
  /** The style in force at the end, carried to the entry's next line. */
  end: AnsiStyle;
}

/** The 16 basic colours (VS Code's dark terminal palette): 0–7 normal, 8–15 bright. */
export const ANSI_16 = [
  '#000000',
  '#cd3131',
  '#0dbc79',
  '#e5e510',
  '#2472c8',
  '#bc3fbc',
  '#11a8cd',
  '#e5e5e5',
  '#666666',
  '#f14c4c',
  '#23d18b',
  '#f5f543',
  '#3b8eea',
  '#d670d6',
  '#29b8db',
  '#ffffff',
];

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const rgb = (r: number, g: number, b: number) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** Colour `n` (0–255) of the xterm 256-colour palette: 16 basic, a 6×6×6 cube, 24 greys. */
export function ansi256(n: number): string {
  if (n < 16) return ANSI_16[n];
  if (n < 232) {
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const i = n - 16;
    return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  const grey = 8 + (n - 232) * 10;
  return rgb(grey, grey, grey);
}

const byte = (v: number | undefined): number | null =>
  v !== undefined && Number.isInteger(v) && v >= 0 && v <= 255 ? v : null;

/**
 * Reads an extended colour after 38 or 48 (`5;n` or `2;r;g;b`) from `codes` at `at`; the colour
 * (null when malformed) and how many codes it used.
 */
function extendedColour(codes: number[], at: number): [string | null, number] {
  if (codes[at] === 5) {
    const n = byte(codes[at + 1]);
    return [n === null ? null : ansi256(n), 2];
  }
  if (codes[at] === 2) {
    const [r, g, b] = [byte(codes[at + 1]), byte(codes[at + 2]), byte(codes[at + 3])];
    return [r === null || g === null || b === null ? null : rgb(r, g, b), 4];
  }
  return [null, 1];
}

/** The style after applying one SGR sequence's parameters (`1;31`, `38;5;208`, empty = reset). */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let next: AnsiStyle = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 22) {
      delete next.bold;
      delete next.dim;
    } else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code >= 30 && code <= 37) next.fg = ANSI_16[code - 30];
    else if (code >= 90 && code <= 97) next.fg = ANSI_16[code - 90 + 8];
    else if (code >= 40 && code <= 47) next.bg = ANSI_16[code - 40];
    else if (code >= 100 && code <= 107) next.bg = ANSI_16[code - 100 + 8];
    else if (code === 39) delete next.fg;
    else if (code === 49) delete next.bg;
    else if (code === 38 || code === 48) {
      const [colour, used] = extendedColour(codes, i + 1);
      if (colour) next[code === 38 ? 'fg' : 'bg'] = colour;
      i += used;
    }
  }
  return next;
}

const isPlain = (style: AnsiStyle) => Object.keys(style).length === 0;

/**
 * Escape sequences: CSI (`ESC [ … final`, SGR when the final is `m`), OSC (`ESC ] … BEL` or
 * `ESC ] … ESC \`), character sets (`ESC ( B`) and any other two-character `ESC x`. All are removed from the text; only SGR
 * has an effect.
 */
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b(?:\[([0-9;:?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[()*+][0-9A-Za-z]|[\s\S]?)/g;

/** Splits `input` into its text without escape sequences and the stretches its SGR codes style. */
export function parseAnsi(input: string, start: AnsiStyle = {}): AnsiText {
  if (!input.includes('\x1b')) {
    return {
      text: input,
      runs: isPlain(start) && input ? [] : input ? [{ from: 0, to: input.length, style: start }] : [],
      end: start,
    };
  }
  let text = '';
  const runs: StyledRun[] = [];
  let style = start;
  let from = 0;
  const append = (piece: string) => {
    if (!piece) return;
    if (!isPlain(style)) runs.push({ from: text.length, to: text.length + piece.length, style });
    text += piece;
  };
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(input); match; match = ESCAPE.exec(input)) {
    append(input.slice(from, match.index));
    from = ESCAPE.lastIndex;
    if (match[2] === 'm' && !match[1]?.startsWith('?')) style = applySgr(style, match[1] ?? '');
  }
  append(input.slice(from));
  return { text, runs, end: style };
}

/** `input` without escape sequences (search, copy, download). */
export function stripAnsi(input: string): string {
  return input.includes('\x1b') ? parseAnsi(input).text : input;
}

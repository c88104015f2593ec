/** A display text cut to a length, and whether anything was cut. */
export interface Preview {
  text: string;
  truncated: boolean;
}

/**
 * Text that stops growing one character past its limit: that one character is how the writer
 * knows the full text would be longer, without ever building the full text. Writers check
 * `full` to stop walking a value as soon as nothing more can be kept.
 */
export class BoundedText {
  private readonly parts: string[] = [];
  private length = 0;

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.length > this.limit;
  }

  /** Characters still accepted (the limit plus the one that tells it was passed). */
  get room(): number {
    return Math.max(0, this.limit + 1 - this.length);
  }

  write(s: string): void {
    const room = this.room;
    if (room === 0) return;
    const piece = s.length > room ? s.slice(0, room) : s;
    this.parts.push(piece);
    this.length += piece.length;
  }

  result(): Preview {
    const text = this.parts.join('');
    return this.full ? { text: cutAt(text, this.limit), truncated: true } : { text, truncated: false };
  }
}

/** The first `n` UTF-16 units, one fewer rather than half of a surrogate pair. */
function cutAt(text: string, n: number): string {
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}

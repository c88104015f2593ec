/**
 * Counts what a script has logged against its entry and byte caps (bytes of UTF-8, as stored).
 * Every entry within both caps is kept; the first one past either is dropped and replaced by one
 * truncation notice, an extra entry beyond the cap, and every later entry is only counted.
 */
export class LogBudget {
  private entries = 0;
  private bytes = 0;
  private truncated = false;
  dropped = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  /** 'keep' to send the entry, 'notice' to send the truncation notice instead, 'drop' to count it. */
  admit(message: string): 'keep' | 'notice' | 'drop' {
    if (this.truncated) {
      this.dropped++;
      return 'drop';
    }
    // as stored: `€` is one UTF-16 unit and three bytes
    const size = Buffer.byteLength(message, 'utf8');
    if (this.entries >= this.maxEntries || this.bytes + size > this.maxBytes) {
      this.truncated = true;
      this.dropped++;
      return 'notice';
    }
    this.entries++;
    this.bytes += size;
    return 'keep';
  }

  noticeText(): string {
    return `Log limit reached (${this.maxEntries} entries or ${this.maxBytes} bytes): later entries are dropped and counted`;
  }
}

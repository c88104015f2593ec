/**
 * A histogram of delays in milliseconds, exposed in Prometheus's text format in seconds. Counts
 * per bucket only: observing is a few comparisons and an increment, cheap enough for every log
 * line, and the memory is fixed whatever the traffic.
 */
export class DelayHistogram {
  /** counts[i]: observations in (bounds[i - 1], bounds[i]]; the last one, those above every bound. */
  private readonly counts: number[];
  private sumMs = 0;
  private total = 0;

  /** `boundsMs`: the buckets' upper bounds, ascending. */
  constructor(private readonly boundsMs: readonly number[]) {
    this.counts = new Array<number>(boundsMs.length + 1).fill(0);
  }

  /** One delay; a negative one (clocks of two threads a hair apart) counts as none. */
  observe(ms: number): void {
    const delay = ms > 0 ? ms : 0;
    let bucket = 0;
    while (bucket < this.boundsMs.length && delay > this.boundsMs[bucket]) bucket++;
    this.counts[bucket]++;
    this.sumMs += delay;
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  /** The histogram's lines: cumulative `_bucket`s with `le` in seconds, then `_sum` and `_count`. */
  exposition(name: string, help: string): string[] {
    const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
    let cumulative = 0;
    this.boundsMs.forEach((bound, i) => {
      cumulative += this.counts[i];
      lines.push(`${name}_bucket{le="${bound / 1000}"} ${cumulative}`);
    });
    lines.push(
      `${name}_bucket{le="+Inf"} ${this.total}`,
      `${name}_sum ${this.sumMs / 1000}`,
      `${name}_count ${this.total}`,
    );
    return lines;
  }
}

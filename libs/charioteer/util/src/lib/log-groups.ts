import type { LineView } from './line-buffer';
import type { OutputLine } from './output-line';

/** Markers of a log group (the GitHub Actions convention; `logGroup`/`logGroupEnd` write them). */
export const GROUP_START = '::group::';
export const GROUP_END = '::endgroup::';

/** A group of output lines, from its `::group::` line to its `::endgroup::` line. */
export interface LogGroup {
  /** Index of its header line in the output. */
  readonly start: number;
  /** Index of its `::endgroup::` line; null while it is open. */
  end: number | null;
  readonly name: string;
  readonly depth: number;
  readonly parent: LogGroup | null;
  readonly startedAt: string;
  endedAt: string | null;
  /** Log entries inside, nested groups' included (markers are not entries). */
  entries: number;
  /** It holds a WARN or ERROR entry (then it is shown open). */
  problem: boolean;
}

/**
 * The groups of an append-only output, extended as lines arrive (O(new lines)); rebuilt when the
 * output is another one. `changes` counts what alters how groups are shown by default (one
 * closes, one gets its first WARN or ERROR), so views of it know when to rebuild.
 */
export class GroupIndex {
  private source: object | null = null;
  private scanned = 0;
  private open: LogGroup[] = [];
  private readonly headers = new Map<number, LogGroup>();
  /** The innermost group each line is in (null: none), by line index. */
  private innermost: (LogGroup | null)[] = [];
  changes = 0;

  get size(): number {
    return this.headers.size;
  }

  /** The group whose header is line `index`. */
  groupAt(index: number): LogGroup | undefined {
    return this.headers.get(index);
  }

  /** The innermost group line `index` is in. */
  groupOf(index: number): LogGroup | null {
    return this.innermost[index] ?? null;
  }

  /** Nesting depth of line `index` (0 outside any group; a header is at its group's depth). */
  depthOf(index: number): number {
    const header = this.headers.get(index);
    if (header) return header.depth;
    const group = this.innermost[index];
    return group ? group.depth + 1 : 0;
  }

  extend(view: LineView<OutputLine>): this {
    if (this.source !== view.source || this.scanned > view.length) this.reset(view.source);
    for (let i = this.scanned; i < view.length; i++) this.add(i, view.at(i));
    this.scanned = view.length;
    return this;
  }

  private add(index: number, line: OutputLine): void {
    const parent = this.open.at(-1) ?? null;
    this.innermost.push(parent);
    if (line.group === 'start') {
      const group: LogGroup = {
        start: index,
        end: null,
        name: line.groupName ?? '',
        depth: this.open.length,
        parent,
        startedAt: line.entry?.timestamp ?? '',
        endedAt: null,
        entries: 0,
        problem: false,
      };
      this.headers.set(index, group);
      this.open.push(group);
    } else if (line.group === 'end') {
      const group = this.open.pop();
      if (group) {
        group.end = index;
        group.endedAt = line.entry?.timestamp ?? null;
        this.changes++;
      }
    } else if (line.kind === 'log' && !line.continuation) {
      const problem = line.level === 'WARN' || line.level === 'ERROR';
      for (const group of this.open) {
        group.entries++;
        if (problem && !group.problem) {
          group.problem = true;
          this.changes++;
        }
      }
    }
  }

  private reset(source: object): void {
    this.source = source;
    this.scanned = 0;
    this.open = [];
    this.headers.clear();
    this.innermost = [];
    this.changes++;
  }
}

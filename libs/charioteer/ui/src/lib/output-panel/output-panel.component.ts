import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  model,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { LOG_LEVELS, type LogLevel } from '@chariot/contract';
import {
  AnsiStyle,
  emptyView,
  formatDuration,
  GroupIndex,
  LineView,
  LogGroup,
  OutputLine,
  ScriptLocation,
  shownText,
  StyledRun,
  TIME_DISPLAYS,
  TimeDisplay,
  formatLogTime,
  viewToArray,
} from '@chariot/charioteer-util';

/** Row height in px: fixed, so the panel can virtual-scroll 100,000s of lines. */
export const OUTPUT_ROW_HEIGHT = 20;

/** Rows rendered above and below the visible ones. */
const OVERSCAN = 12;

/** How close to the bottom (px) still counts as "following the tail". */
const FOLLOW_SLACK = OUTPUT_ROW_HEIGHT * 1.5;

export interface TextPart {
  text: string;
  match: boolean;
  /** ANSI colours and styles of the piece (rendered as classes and CSS colours, never markup). */
  style?: AnsiStyle;
}

interface RenderedRow {
  /** Position among the rows on screen (a wrapped line takes several). */
  index: number;
  /** The virtual-scroll tracking key: the line's id, and where its piece starts when wrapped. */
  key: string;
  line: OutputLine;
  parts: TextPart[];
  current: boolean;
  /** The error's place in the script, for a line that has one. */
  location: ScriptLocation | null;
  /** The entry's sequence number on its first row (its line number and permalink), else null. */
  seq: number | null;
  /** The group this row is the header of. */
  group: LogGroup | null;
  collapsed: boolean;
  /** Nesting depth in groups (indentation). */
  depth: number;
  /** The entry the address points at (`#L<seq>`). */
  linked: boolean;
}

/** The entry a `#L<seq>` fragment (or `L<seq>`) points at, or null. */
export function seqOfFragment(fragment: string | null | undefined): number | null {
  const match = /^#?L(\d+)$/.exec(fragment ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * Where each entry (by `seq`) sits in a view, extended as rows arrive: O(new rows) per update,
 * so a permalink can be found in a log that is still growing.
 */
interface SeqIndex {
  source: object | null;
  scanned: number;
  rowOf: Map<number, number>;
  highest: number;
}

function extendSeqIndex(index: SeqIndex | null, view: LineView<OutputLine>): SeqIndex {
  if (!index || index.source !== view.source || index.scanned > view.length) {
    index = { source: view.source, scanned: 0, rowOf: new Map(), highest: 0 };
  }
  for (let i = index.scanned; i < view.length; i++) {
    const line = view.at(i);
    if (line.entry && !line.continuation) {
      index.rowOf.set(line.entry.seq, i);
      index.highest = Math.max(index.highest, line.entry.seq);
    }
  }
  index.scanned = view.length;
  return index;
}

/** Characters per row when the panel cannot measure itself (no layout, e.g. in unit tests). */
const FALLBACK_COLUMNS = 120;
/** Left and right padding of a row (px). */
const ROW_PADDING = 24;

/** Splits `text` around case-insensitive occurrences of `needle` (already lower-cased). */
export function splitMatches(text: string, needle: string): TextPart[] {
  if (!needle) return [{ text, match: false }];
  const parts: TextPart[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length || !parts.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/**
 * Cuts `parts` (the pieces of a row's text from `offset` on, split around search matches) again
 * where the line's ANSI `runs` start and end, each piece with its style: a match inside a
 * coloured stretch keeps both.
 */
export function styleParts(parts: TextPart[], runs: readonly StyledRun[] | undefined, offset = 0): TextPart[] {
  if (!runs?.length) return parts;
  const styled: TextPart[] = [];
  let r = 0;
  let at = offset;
  for (const part of parts) {
    const end = at + part.text.length;
    for (let pos = at; pos < end; ) {
      while (r < runs.length && runs[r].to <= pos) r++;
      const run = runs[r];
      if (!run || run.from >= end) {
        styled.push({ text: part.text.slice(pos - at), match: part.match });
        break;
      }
      if (run.from > pos) {
        styled.push({ text: part.text.slice(pos - at, run.from - at), match: part.match });
        pos = run.from;
      }
      const stop = Math.min(run.to, end);
      styled.push({ text: part.text.slice(pos - at, stop - at), match: part.match, style: run.style });
      pos = stop;
    }
    at = end;
  }
  return styled;
}

interface IndexCache {
  source: object | null;
  key: string;
  scanned: number;
  indices: number[];
}

const freshCache = (): IndexCache => ({ source: null, key: '', scanned: 0, indices: [] });

/**
 * With wrapping on, every line is cut into pieces of `columns` characters, each a row of the
 * same fixed height (so the virtual scroller still computes positions): where each row starts
 * (`lineOf`, `offsetOf`) and each line's first row (`firstRow`). Extended as lines arrive;
 * rebuilt when the width or the source changes.
 */
interface WrapIndex {
  source: object | null;
  columns: number;
  display: TimeDisplay;
  scanned: number;
  lineOf: number[];
  offsetOf: number[];
  firstRow: number[];
}

/** The length of a line as shown (its time may be left out). */
type ShownLength = (line: OutputLine) => number;

function extendWrap(
  index: WrapIndex | null,
  view: LineView<OutputLine>,
  columns: number,
  display: TimeDisplay,
  lengthOf: ShownLength,
): WrapIndex {
  if (
    !index ||
    index.source !== view.source ||
    index.columns !== columns ||
    index.display !== display ||
    index.scanned > view.length
  ) {
    index = { source: view.source, columns, display, scanned: 0, lineOf: [], offsetOf: [], firstRow: [] };
  }
  for (let i = index.scanned; i < view.length; i++) {
    const length = lengthOf(view.at(i));
    index.firstRow.push(index.lineOf.length);
    for (let offset = 0; offset === 0 || offset < length; offset += columns) {
      index.lineOf.push(i);
      index.offsetOf.push(offset);
    }
  }
  index.scanned = view.length;
  return index;
}

/** The longest line (characters), extended as lines arrive: the scroll width when not wrapping. */
interface WidestCache {
  source: object | null;
  display: TimeDisplay;
  scanned: number;
  widest: number;
}

function extendWidest(
  cache: WidestCache,
  view: LineView<OutputLine>,
  display: TimeDisplay,
  lengthOf: ShownLength,
): WidestCache {
  if (cache.source !== view.source || cache.display !== display || cache.scanned > view.length)
    cache = { source: view.source, display, scanned: 0, widest: 0 };
  for (let i = cache.scanned; i < view.length; i++) cache.widest = Math.max(cache.widest, lengthOf(view.at(i)));
  cache.scanned = view.length;
  return cache;
}

/** Which groups the user opened (true) or closed (false), by header line, for one output. */
interface GroupToggles {
  source: object | null;
  open: ReadonlyMap<number, boolean>;
}

/** Closed once it has ended, unless it holds a WARN or ERROR; the user's choice wins. */
function isCollapsed(group: LogGroup, toggles: GroupToggles): boolean {
  const chosen = toggles.open.get(group.start);
  return chosen === undefined ? group.end !== null && !group.problem : !chosen;
}

/**
 * The lines shown, by index: without the levels switched off, the `::endgroup::` lines, and the
 * insides of collapsed groups (skipped whole: O(shown lines + groups)). Extended as lines arrive;
 * rebuilt when `key` (levels, groups' state, the user's toggles) changes.
 */
interface VisibleCache extends IndexCache {
  /** The collapsed group being skipped at the end of the scan. */
  skipping: LogGroup | null;
}

function extendVisible(
  cache: VisibleCache,
  lines: LineView<OutputLine>,
  key: string,
  keep: (line: OutputLine) => boolean,
  collapsedAt: (index: number) => LogGroup | null,
): VisibleCache {
  if (cache.source !== lines.source || cache.key !== key || cache.scanned > lines.length) {
    cache = { source: lines.source, key, scanned: 0, indices: [], skipping: null };
  }
  for (let i = cache.scanned; i < lines.length; i++) {
    const skipping = cache.skipping;
    if (skipping && (skipping.end === null || i <= skipping.end)) continue;
    cache.skipping = null;
    const line = lines.at(i);
    if (line.group === 'end' || !keep(line)) continue;
    cache.indices.push(i);
    if (line.group === 'start') cache.skipping = collapsedAt(i);
  }
  cache.scanned = lines.length;
  return cache;
}

/** Position of `value` in the ascending `sorted`, or -1. */
function positionIn(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === value) return mid;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Extends `cache` with the rows of `view` it has not scanned yet (views of one source only
 * ever grow), or rebuilds it when the source or the key changed. O(new rows) per update.
 */
function extendIndex(
  cache: IndexCache,
  view: LineView<OutputLine>,
  key: string,
  keep: (line: OutputLine) => boolean,
): IndexCache {
  if (cache.source !== view.source || cache.key !== key || cache.scanned > view.length) {
    cache = { source: view.source, key, scanned: 0, indices: [] };
  }
  for (let i = cache.scanned; i < view.length; i++) {
    if (keep(view.at(i))) cache.indices.push(i);
  }
  cache.scanned = view.length;
  return cache;
}

/**
 * The output panel: a hand-rolled virtual scroller over an append-only line view (only the
 * visible rows plus a few exist in the DOM), rows rendered as text only (interpolated, never
 * bound as HTML), coloured by level (the `--ch-level-*` custom properties). It follows the
 * tail while the user is at the bottom and pauses when they scroll up, counting the lines that
 * arrive meanwhile. Level filter, search with highlighted matches and next/previous, copy,
 * download as `.log` and clear.
 */
@Component({
  selector: 'ch-output-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown)': 'onKeydown($event)' },
  templateUrl: './output-panel.component.html',
  styleUrls: ['../panel-frame.css', './output-panel.component.css'],
})
export class OutputPanelComponent {
  readonly lines = input<LineView<OutputLine>>(emptyView());
  readonly placeholder = input('Press Run (Ctrl+Enter) to execute the script.');
  readonly clearDisabled = input(false);
  /** File name offered by "Download .log". */
  readonly downloadName = input('output.log');
  /** Long lines wrap onto further rows (true) or scroll sideways (false). */
  readonly wrap = model(false);
  /** Error rows link to their place in the script (the run came from the editor). */
  readonly linkLocations = input(false);
  /** The run on screen: line numbers link to `/runs/<id>#L<seq>`. */
  readonly runId = input<string | null>(null);
  /**
   * The entry to scroll to and highlight (a `#L<seq>` permalink), as soon as it is in the
   * output: at once for a finished run, when it arrives for a live one. Starts from the page's
   * address fragment; clicking a line number moves it there.
   */
  /** Entry times as clock times, as the time since the run started, or not at all. */
  readonly timeDisplay = model<TimeDisplay>('absolute');
  /** When the run started (epoch ms), for relative times and the header; null: the first entry's time. */
  readonly runStartedAt = input<number | null>(null);
  /** How long the run has taken so far, or took (ms), for the header. */
  readonly runDuration = input<number | null>(null);
  readonly highlight = model<number | null>(seqOfFragment(typeof location === 'undefined' ? null : location.hash));

  readonly clearRequested = output<void>();
  /** The user followed an error's link to its line and column. */
  readonly locationRequested = output<ScriptLocation>();

  protected readonly rowHeight = OUTPUT_ROW_HEIGHT;
  protected readonly levels = LOG_LEVELS;

  protected readonly following = signal(true);
  protected readonly hidden = signal<ReadonlySet<LogLevel>>(new Set());
  protected readonly query = signal('');
  protected readonly needle = computed(() => this.query().toLowerCase());
  protected readonly currentMatch = signal(-1);
  protected readonly copied = signal(false);
  /** The line whose link was just copied (for the "Link copied" hint). */
  protected readonly linkCopied = signal<number | null>(null);
  private readonly scrollTop = signal(0);
  private readonly height = signal(400);
  /** Characters that fit on a row (for wrapping). */
  private readonly columns = signal(FALLBACK_COLUMNS);
  private readonly pausedAt = signal(0);
  /** A row to scroll to once the rows are rendered. */
  private readonly scrollTarget = signal<number | null>(null);

  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  private readonly searchBox = viewChild.required<ElementRef<HTMLInputElement>>('search');
  private readonly probe = viewChild.required<ElementRef<HTMLElement>>('probe');
  private wrapIndex: WrapIndex | null = null;
  private widestCache: WidestCache = { source: null, display: 'absolute', scanned: 0, widest: 0 };
  private visibleCache: VisibleCache = { ...freshCache(), skipping: null };
  private readonly groupIndex = new GroupIndex();
  protected readonly toggles = signal<GroupToggles>({ source: null, open: new Map() });
  private matchCache = freshCache();
  private lastScrollTop = 0;
  private readonly destroyRef = inject(DestroyRef);
  private seqIndex: SeqIndex | null = null;
  /** The highlighted entry already scrolled to (once: the user may scroll away after). */
  private scrolledTo: number | null = null;

  /** The groups of the output (`::group::` … `::endgroup::`), and a count of their changes. */
  protected readonly groups = computed(() => {
    const index = this.groupIndex.extend(this.lines());
    return { index, changes: index.changes, size: index.size };
  });

  /** The user's open/closed choices for this output (another output starts with none). */
  private readonly currentToggles = computed<GroupToggles>(() => {
    const toggles = this.toggles();
    return toggles.source === this.lines().source ? toggles : { source: null, open: new Map() };
  });

  /**
   * The indices of the lines shown (level filter, collapsed groups, group end markers), or null
   * when every line is (no level switched off and no group).
   */
  private readonly visible = computed<readonly number[] | null>(() => {
    const lines = this.lines();
    const hidden = this.hidden();
    const { index, changes, size } = this.groups();
    const toggles = this.currentToggles();
    if (!hidden.size && !size) return null;
    const key = `${[...hidden].sort().join()}|${changes}|${[...toggles.open].join()}`;
    this.visibleCache = extendVisible(
      this.visibleCache,
      lines,
      key,
      // Lifecycle rows and group headers are always shown.
      (line) => !line.level || line.group === 'start' || !hidden.has(line.level),
      (i) => {
        const group = index.groupAt(i);
        return group && isCollapsed(group, toggles) ? group : null;
      },
    );
    return this.visibleCache.indices;
  });

  /** The rows shown, in order. */
  protected readonly view = computed<LineView<OutputLine>>(() => {
    const lines = this.lines();
    const indices = this.visible();
    if (!indices) return lines;
    return { length: indices.length, at: (i: number) => lines.at(indices[i]), source: indices };
  });

  /**
   * Indices (in the whole output) of the lines containing the search text, inside collapsed
   * groups too: going to one opens its groups.
   */
  protected readonly matches = computed(() => {
    const lines = this.lines();
    const needle = this.needle();
    const hidden = this.hidden();
    if (!needle) return { count: 0, positions: [] as readonly number[] };
    this.matchCache = extendIndex(
      this.matchCache,
      lines,
      `${needle}|${[...hidden].sort().join()}`,
      (line) =>
        line.group !== 'end' &&
        (!line.level || line.group === 'start' || !hidden.has(line.level)) &&
        line.text.toLowerCase().includes(needle),
    );
    return { count: this.matchCache.indices.length, positions: this.matchCache.indices };
  });

  protected readonly newLines = computed(() =>
    this.following() ? 0 : Math.max(0, this.view().length - this.pausedAt()),
  );

  /** Where each entry is in the view, and the highest sequence number (the gutter's width). */
  private readonly seqs = computed(() => {
    this.seqIndex = extendSeqIndex(this.seqIndex, this.view());
    return { rowOf: this.seqIndex.rowOf, highest: this.seqIndex.highest };
  });

  /** Characters of the line-number gutter: the widest sequence number, at least three. */
  protected readonly gutter = computed(() => Math.max(3, String(this.seqs().highest).length));

  /** The view's line index of the highlighted entry, once it is there. */
  private readonly highlightedLine = computed(() => {
    const seq = this.highlight();
    return seq === null ? null : (this.seqs().rowOf.get(seq) ?? null);
  });

  protected readonly timeDisplays = TIME_DISPLAYS;

  /** What relative times count from: the run's start, else its first entry's time. */
  private readonly timeBase = computed(() => {
    const started = this.runStartedAt();
    if (started !== null) return started;
    const lines = this.lines();
    for (let i = 0; i < Math.min(lines.length, 50); i++) {
      const entry = lines.at(i).entry;
      if (entry) return Date.parse(entry.timestamp);
    }
    return null;
  });

  /** The run's start as a clock time, for the header. */
  protected readonly startedText = computed(() => {
    const started = this.runStartedAt();
    return started === null ? null : formatLogTime(new Date(started).toISOString()).slice(0, 8);
  });

  protected readonly duration = computed(() => formatDuration(this.runDuration() ?? 0));

  /** Characters of each line as shown (for wrapping and the scroll width). */
  private readonly shownLength = computed<ShownLength>(() => {
    const display = this.timeDisplay();
    return display === 'hidden' ? (line) => shownText(line, display, null).text.length : (line) => line.text.length;
  });

  /** The wrap index of the view, or null when lines scroll sideways. */
  private readonly wrapped = computed(() => {
    const view = this.view();
    if (!this.wrap()) return null;
    // The gutter and the space after it take their characters from each row.
    this.wrapIndex = extendWrap(
      this.wrapIndex,
      view,
      Math.max(10, this.columns() - this.gutter() - 1),
      this.timeDisplay(),
      this.shownLength(),
    );
    return { ...this.wrapIndex };
  });

  /** Rows on screen: one per line, or one per piece of a wrapped line. */
  protected readonly rowCount = computed(() => this.wrapped()?.lineOf.length ?? this.view().length);

  /** The scroll width when not wrapping: the longest line, in characters of the monospace font. */
  protected readonly scrollWidth = computed(() => {
    if (this.wrap()) return null;
    this.widestCache = extendWidest(this.widestCache, this.view(), this.timeDisplay(), this.shownLength());
    return `max(100%, calc(${this.widestCache.widest + this.gutter() + 1}ch + ${ROW_PADDING}px))`;
  });

  protected readonly range = computed(() => {
    const total = this.rowCount();
    const first = Math.floor(this.scrollTop() / OUTPUT_ROW_HEIGHT);
    const start = Math.max(0, Math.min(first, total) - OVERSCAN);
    const end = Math.min(total, first + Math.ceil(this.height() / OUTPUT_ROW_HEIGHT) + OVERSCAN);
    return { start, end };
  });

  protected readonly rows = computed<RenderedRow[]>(() => {
    const view = this.view();
    const wrapped = this.wrapped();
    const { start, end } = this.range();
    const needle = this.needle();
    const matches = this.matches();
    const current = this.currentMatch() >= 0 ? matches.positions[this.currentMatch()] : -1;
    const linked = this.highlightedLine();
    const visible = this.visible();
    const { index: groups, size: grouped } = this.groups();
    const toggles = this.currentToggles();
    const display = this.timeDisplay();
    const base = this.timeBase();
    const rows: RenderedRow[] = [];
    for (let index = start; index < end; index++) {
      const lineIndex = wrapped ? wrapped.lineOf[index] : index;
      const offset = wrapped ? wrapped.offsetOf[index] : 0;
      const line = view.at(lineIndex);
      const raw = visible ? visible[lineIndex] : lineIndex;
      const group = grouped && line.group === 'start' ? (groups.groupAt(raw) ?? null) : null;
      const shown = shownText(line, display, base);
      const text = wrapped ? shown.text.slice(offset, offset + wrapped.columns) : shown.text;
      rows.push({
        index,
        key: `${line.id}:${offset}`,
        line,
        // The runs are placed in `line.text`; the shown text moved the message by `shift`.
        parts: styleParts(splitMatches(text, needle), line.runs, offset - shown.shift),
        current: raw === current,
        // On the line's last piece, after its text, so wrapping never hides it.
        location: !wrapped || offset + wrapped.columns >= shown.text.length ? (line.location ?? null) : null,
        seq: offset === 0 && line.entry && !line.continuation ? line.entry.seq : null,
        linked: lineIndex === linked,
        group: offset === 0 ? group : null,
        collapsed: group ? isCollapsed(group, toggles) : false,
        depth: grouped ? groups.depthOf(raw) : 0,
      });
    }
    return rows;
  });

  constructor() {
    // While following, keep the last row in view whenever rows arrive (after the spacer grew).
    afterRenderEffect({
      write: () => {
        this.view();
        const target = this.scrollTarget();
        if (target !== null) {
          this.scrollTarget.set(null);
          this.applyScroll(target);
          return;
        }
        const linked = this.highlightedLine();
        if (linked !== null && this.scrolledTo !== this.highlight()) {
          // A permalink's entry has arrived: show it in the middle and stop following the tail.
          this.scrolledTo = this.highlight();
          this.pause();
          this.scrollToLine(linked);
        } else if (this.following()) {
          const el = this.viewport().nativeElement;
          el.scrollTop = el.scrollHeight;
          this.lastScrollTop = el.scrollTop;
          this.scrollTop.set(el.scrollTop);
        }
      },
    });
    // Another run on screen: the old run's permalink means nothing there.
    let shownRun: string | null = null;
    effect(() => {
      const id = this.runId();
      if (shownRun !== null && id !== shownRun) untracked(() => this.highlight.set(null));
      shownRun = id;
    });
    if (typeof window !== 'undefined') {
      const onHash = () => {
        this.scrolledTo = null;
        this.highlight.set(seqOfFragment(location.hash));
      };
      window.addEventListener('hashchange', onHash);
      this.destroyRef.onDestroy(() => window.removeEventListener('hashchange', onHash));
    }
    afterNextRender(() => {
      const el = this.viewport().nativeElement;
      this.height.set(el.clientHeight || 400);
      this.measureColumns();
      if (typeof ResizeObserver === 'function') {
        const observer = new ResizeObserver(() => {
          this.height.set(el.clientHeight);
          this.measureColumns();
        });
        observer.observe(el);
        this.destroyRef.onDestroy(() => observer.disconnect());
      }
    });
  }

  protected testIdOf(line: OutputLine): string {
    if (line.group === 'start') return 'group-header';
    if (line.continuation) return 'continuation';
    switch (line.kind) {
      case 'log':
        return 'log-line';
      case 'result':
      case 'error':
        return 'result';
      default:
        return `output-${line.kind}`;
    }
  }

  /**
   * Follow stops only when the user scrolls up, and resumes when they reach the bottom. (Not
   * "is it at the bottom now": lines added between our scroll-to-end and its scroll event
   * would make it look like the user left the tail.)
   */
  protected onScroll(): void {
    const el = this.viewport().nativeElement;
    const top = el.scrollTop;
    if (el.scrollHeight - el.clientHeight - top <= FOLLOW_SLACK) {
      this.following.set(true);
    } else if (top < this.lastScrollTop) {
      this.pause();
    }
    this.lastScrollTop = top;
    this.scrollTop.set(top);
  }

  protected onTimeDisplay(event: Event): void {
    this.timeDisplay.set((event.target as HTMLSelectElement).value as TimeDisplay);
  }

  protected toggleWrap(): void {
    this.wrap.update((wrap) => !wrap);
  }

  protected follow(): void {
    this.following.set(true);
  }

  protected toggleLevel(level: LogLevel): void {
    this.hidden.update((hidden) => {
      const next = new Set(hidden);
      if (!next.delete(level)) next.add(level);
      return next;
    });
    this.currentMatch.set(-1);
  }

  protected onQuery(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
    this.currentMatch.set(-1);
    if (this.matches().count) this.goToMatch(0);
  }

  /** Enter: next match; Shift+Enter: previous one. */
  protected onSearchKey(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.shiftKey) this.previousMatch();
    else this.nextMatch();
  }

  protected clearQuery(): void {
    this.query.set('');
    this.currentMatch.set(-1);
  }

  protected nextMatch(): void {
    const count = this.matches().count;
    if (count) this.goToMatch((this.currentMatch() + 1) % count);
  }

  protected previousMatch(): void {
    const count = this.matches().count;
    if (count) this.goToMatch((this.currentMatch() - 1 + count) % count);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      this.searchBox().nativeElement.focus();
    }
  }

  protected copy(): void {
    void navigator.clipboard?.writeText(this.text()).then(() => {
      this.copied.set(true);
      setTimeout(() => this.copied.set(false), 1500);
    });
  }

  protected download(): void {
    const url = URL.createObjectURL(new Blob([this.text() + '\n'], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = this.downloadName();
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** The shown rows as text, one per line. */
  private text(): string {
    return viewToArray(this.view())
      .map((line) => line.text)
      .join('\n');
  }

  private pause(): void {
    if (this.following()) {
      this.following.set(false);
      this.pausedAt.set(this.view().length);
    }
  }

  /** How many characters of the monospace font fit on a row (the probe holds ten). */
  private measureColumns(): void {
    const width = this.viewport().nativeElement.clientWidth - ROW_PADDING;
    const char = this.probe().nativeElement.getBoundingClientRect().width / 10;
    if (width > 0 && char > 0) this.columns.set(Math.max(Math.floor(width / char), 10));
  }

  /** The address of an entry: the run's page with `#L<seq>`. */
  protected linkOf(seq: number): string {
    const id = this.runId();
    return `${id ? `/runs/${encodeURIComponent(id)}` : ''}#L${seq}`;
  }

  /** A line number was clicked: its link goes to the clipboard and its entry is highlighted. */
  protected copyLink(event: MouseEvent, seq: number): void {
    event.preventDefault();
    this.scrolledTo = seq; // it is on screen already: no jump
    this.highlight.set(seq);
    const url = new URL(this.linkOf(seq), location.href).href;
    void navigator.clipboard?.writeText(url).then(() => {
      this.linkCopied.set(seq);
      setTimeout(() => this.linkCopied.update((shown) => (shown === seq ? null : shown)), 1500);
    });
  }

  /** `12 lines · 1.3s` (the duration once the group has ended). */
  protected groupMeta(group: LogGroup): string {
    const lines = `${group.entries} ${group.entries === 1 ? 'line' : 'lines'}`;
    if (group.endedAt === null) return `${lines} …`;
    return `${lines} · ${formatDuration(Date.parse(group.endedAt) - Date.parse(group.startedAt))}`;
  }

  protected toggleGroup(group: LogGroup): void {
    const toggles = this.currentToggles();
    const open = new Map(toggles.open).set(group.start, isCollapsed(group, toggles));
    this.toggles.set({ source: this.lines().source, open });
  }

  private goToMatch(k: number): void {
    this.currentMatch.set(k);
    this.pause();
    const raw = this.matches().positions[k];
    this.openGroupsAround(raw);
    const visible = this.visible();
    const position = visible ? positionIn(visible, raw) : raw;
    if (position >= 0) this.scrollToLine(position);
  }

  /** Opens every collapsed group line `raw` is inside of, so that it is shown. */
  private openGroupsAround(raw: number): void {
    const toggles = this.currentToggles();
    const open = new Map(toggles.open);
    for (let group = this.groups().index.groupOf(raw); group; group = group.parent) {
      if (isCollapsed(group, toggles)) open.set(group.start, true);
    }
    if (open.size !== toggles.open.size || [...open].some(([start, o]) => toggles.open.get(start) !== o)) {
      this.toggles.set({ source: this.lines().source, open });
    }
  }

  /**
   * Scrolls so that the view's line `line` is in the middle of the panel: now, and again once
   * rendered (rows just shown, e.g. a group opened for a match, grow the scroll height only then).
   */
  private scrollToLine(line: number): void {
    const position = this.wrapped()?.firstRow[line] ?? line;
    this.applyScroll(position);
    this.scrollTarget.set(position);
  }

  private applyScroll(position: number): void {
    const el = this.viewport().nativeElement;
    el.scrollTop = Math.max(0, position * OUTPUT_ROW_HEIGHT - el.clientHeight / 2 + OUTPUT_ROW_HEIGHT / 2);
    this.lastScrollTop = el.scrollTop;
    this.scrollTop.set(el.scrollTop);
  }
}

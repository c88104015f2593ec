import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { LOG_LEVELS, type LogLevel } from '@chariot/contract';
import { emptyView, LineView, OutputLine, viewToArray } from '@chariot/charioteer-util';

/** Row height in px: fixed, so the panel can virtual-scroll 100,000s of lines. */
export const OUTPUT_ROW_HEIGHT = 20;

/** Rows rendered above and below the visible ones. */
const OVERSCAN = 12;

/** How close to the bottom (px) still counts as "following the tail". */
const FOLLOW_SLACK = OUTPUT_ROW_HEIGHT * 1.5;

export interface TextPart {
  text: string;
  match: boolean;
}

interface RenderedRow {
  index: number;
  line: OutputLine;
  parts: TextPart[];
  current: boolean;
}

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

interface IndexCache {
  source: object | null;
  key: string;
  scanned: number;
  indices: number[];
}

const freshCache = (): IndexCache => ({ source: null, key: '', scanned: 0, indices: [] });

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

  readonly clearRequested = output<void>();

  protected readonly rowHeight = OUTPUT_ROW_HEIGHT;
  protected readonly levels = LOG_LEVELS;

  protected readonly following = signal(true);
  protected readonly hidden = signal<ReadonlySet<LogLevel>>(new Set());
  protected readonly query = signal('');
  protected readonly needle = computed(() => this.query().toLowerCase());
  protected readonly currentMatch = signal(-1);
  protected readonly copied = signal(false);
  private readonly scrollTop = signal(0);
  private readonly height = signal(400);
  private readonly pausedAt = signal(0);

  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  private readonly searchBox = viewChild.required<ElementRef<HTMLInputElement>>('search');
  private filterCache = freshCache();
  private matchCache = freshCache();
  private lastScrollTop = 0;

  /** The rows after the level filter (lifecycle rows are always shown). */
  protected readonly view = computed<LineView<OutputLine>>(() => {
    const lines = this.lines();
    const hidden = this.hidden();
    if (!hidden.size) return lines;
    this.filterCache = extendIndex(this.filterCache, lines, [...hidden].sort().join(), (line) => !line.level || !hidden.has(line.level));
    const { indices } = this.filterCache;
    const length = indices.length;
    return { length, at: (i: number) => lines.at(indices[i]), source: indices };
  });

  /** Positions (in the view) of the rows containing the search text. */
  protected readonly matches = computed(() => {
    const view = this.view();
    const needle = this.needle();
    if (!needle) return { count: 0, positions: [] as readonly number[] };
    this.matchCache = extendIndex(this.matchCache, view, needle, (line) => line.text.toLowerCase().includes(needle));
    return { count: this.matchCache.indices.length, positions: this.matchCache.indices as readonly number[] };
  });

  protected readonly newLines = computed(() => (this.following() ? 0 : Math.max(0, this.view().length - this.pausedAt())));

  protected readonly range = computed(() => {
    const total = this.view().length;
    const first = Math.floor(this.scrollTop() / OUTPUT_ROW_HEIGHT);
    const start = Math.max(0, Math.min(first, total) - OVERSCAN);
    const end = Math.min(total, first + Math.ceil(this.height() / OUTPUT_ROW_HEIGHT) + OVERSCAN);
    return { start, end };
  });

  protected readonly rows = computed<RenderedRow[]>(() => {
    const view = this.view();
    const { start, end } = this.range();
    const needle = this.needle();
    const matches = this.matches();
    const current = this.currentMatch() >= 0 ? matches.positions[this.currentMatch()] : -1;
    const rows: RenderedRow[] = [];
    for (let index = start; index < end; index++) {
      const line = view.at(index);
      rows.push({ index, line, parts: splitMatches(line.text, needle), current: index === current });
    }
    return rows;
  });

  constructor() {
    // While following, keep the last row in view whenever rows arrive (after the spacer grew).
    afterRenderEffect({
      write: () => {
        this.view();
        if (this.following()) {
          const el = this.viewport().nativeElement;
          el.scrollTop = el.scrollHeight;
          this.lastScrollTop = el.scrollTop;
          this.scrollTop.set(el.scrollTop);
        }
      },
    });
    afterNextRender(() => {
      const el = this.viewport().nativeElement;
      this.height.set(el.clientHeight || 400);
      if (typeof ResizeObserver === 'function') {
        const observer = new ResizeObserver(() => this.height.set(el.clientHeight));
        observer.observe(el);
        this.destroyRef.onDestroy(() => observer.disconnect());
      }
    });
  }

  private readonly destroyRef = inject(DestroyRef);

  protected testIdOf(line: OutputLine): string {
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

  private goToMatch(k: number): void {
    this.currentMatch.set(k);
    const position = this.matches().positions[k];
    this.pause();
    const el = this.viewport().nativeElement;
    const top = Math.max(0, position * OUTPUT_ROW_HEIGHT - el.clientHeight / 2 + OUTPUT_ROW_HEIGHT / 2);
    el.scrollTop = top;
    this.lastScrollTop = el.scrollTop;
    this.scrollTop.set(el.scrollTop);
  }
}

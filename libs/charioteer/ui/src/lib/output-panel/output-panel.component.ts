import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { LOG_LEVEL_COLORS, OutputLine } from '@chariot/charioteer-util';

/** Row height in px: fixed, so the panel can virtual-scroll 100,000 lines. */
export const OUTPUT_ROW_HEIGHT = 20;

/** How close to the bottom (px) still counts as "following the tail". */
const FOLLOW_SLACK = OUTPUT_ROW_HEIGHT * 1.5;

/**
 * The output panel: one fixed-height row per line, virtual-scrolled, text only (interpolated,
 * never bound as HTML). It follows the tail while the user is at the bottom and pauses when
 * they scroll up.
 */
@Component({
  selector: 'ch-output-panel',
  imports: [ScrollingModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cdk-virtual-scroll-viewport
      class="viewport"
      data-testid="output"
      role="log"
      aria-label="Output"
      tabindex="0"
      [itemSize]="rowHeight"
      [minBufferPx]="rowHeight * 20"
      [maxBufferPx]="rowHeight * 40"
      (scroll)="onScroll()"
    >
      <div
        *cdkVirtualFor="let line of lines(); trackBy: trackById"
        class="row"
        [class]="line.kind"
        [attr.data-testid]="testIdOf(line)"
        [attr.data-level]="line.level"
        [style.color]="colorOf(line)"
        [title]="line.text"
      >{{ line.text }}</div>
    </cdk-virtual-scroll-viewport>
    @if (!lines().length) {
      <p class="empty">{{ placeholder() }}</p>
    }
    @if (!following() && lines().length) {
      <button type="button" class="follow" data-testid="follow" (click)="follow()">↓ Follow output</button>
    }
  `,
  styles: `
    :host { position: relative; display: block; height: 100%; min-height: 0; padding-top: 4px; background: #1e1e1e; }
    .viewport { height: 100%; font-family: Consolas, 'Courier New', monospace; font-size: 13px; }
    .viewport:focus-visible { outline: 1px solid #007acc; outline-offset: -1px; }
    .row {
      height: 20px; line-height: 20px; padding: 0 12px; white-space: pre; overflow: hidden;
      text-overflow: ellipsis; color: #d4d4d4;
    }
    .status { color: #9d9d9d; }
    .separator { color: #c586c0; }
    .result { color: #b5cea8; }
    .error { color: #f44747; }
    .empty { position: absolute; top: 8px; left: 12px; margin: 0; color: #6e6e6e; font-size: 13px; }
    .follow {
      position: absolute; right: 16px; bottom: 12px; padding: 4px 10px; border: 0; border-radius: 3px;
      background: #007acc; color: #fff; font: inherit; font-size: 12px; cursor: pointer;
    }
    .follow:focus-visible { outline: 2px solid #fff; }
  `,
})
export class OutputPanelComponent {
  readonly lines = input.required<readonly OutputLine[]>();
  readonly placeholder = input('Press Run (Ctrl+Enter) to execute the script.');

  protected readonly rowHeight = OUTPUT_ROW_HEIGHT;
  protected readonly following = signal(true);
  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);
  private frame = 0;
  private lastScrollTop = 0;

  constructor() {
    // New lines while following: keep the last one in view. The viewport learns the new
    // content size during this render, so scroll on the next frame.
    afterRenderEffect({
      write: () => {
        this.lines();
        if (this.following()) {
          this.scheduleScrollToEnd();
        }
      },
    });
    inject(DestroyRef).onDestroy(() => cancelAnimationFrame(this.frame));
  }

  protected readonly trackById = (_: number, line: OutputLine): number => line.id;

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

  protected colorOf(line: OutputLine): string | null {
    return line.level ? LOG_LEVEL_COLORS[line.level] : null;
  }

  /**
   * Follow stops only when the user scrolls up, and resumes when they reach the bottom. (Not
   * "is it at the bottom now": scroll events arrive a frame late, and lines added meanwhile
   * would make our own scroll-to-end look like the user leaving the tail.)
   */
  protected onScroll(): void {
    const viewport = this.viewport();
    const top = viewport.measureScrollOffset('top');
    if (viewport.measureScrollOffset('bottom') <= FOLLOW_SLACK) {
      this.following.set(true);
    } else if (top < this.lastScrollTop) {
      this.following.set(false);
    }
    this.lastScrollTop = top;
  }

  protected follow(): void {
    this.following.set(true);
    this.scheduleScrollToEnd();
  }

  private scheduleScrollToEnd(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      if (!this.following()) {
        return; // the user scrolled up meanwhile
      }
      const viewport = this.viewport();
      viewport.checkViewportSize();
      viewport.scrollTo({ bottom: 0 });
    });
  }
}

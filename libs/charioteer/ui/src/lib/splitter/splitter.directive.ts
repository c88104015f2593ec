import { computed, Directive, ElementRef, inject, model } from '@angular/core';
import { clampSplit, SPLIT_MAX, SPLIT_MIN } from '@chariot/charioteer-util';
import { arrowDirection, followDrag } from './separator-drag';

/** How far one arrow key moves the splitter (a share of the width). */
export const SPLIT_STEP = 0.05;

/**
 * A vertical separator between two panes, its previous and next sibling: drag it with the
 * pointer or move it with the arrow keys. `split` is the share of the two panes' width that
 * the first one takes, kept within SPLIT_MIN–SPLIT_MAX; bind it two-way: `[(split)]`.
 */
@Directive({
  selector: '[chSplitter]',
  host: {
    role: 'separator',
    tabindex: '0',
    'aria-orientation': 'vertical',
    '[attr.aria-valuemin]': 'min',
    '[attr.aria-valuemax]': 'max',
    '[attr.aria-valuenow]': 'percent()',
    '(pointerdown)': 'startDrag($event)',
    '(keydown)': 'moveByKey($event)',
  },
})
export class SplitterDirective {
  readonly split = model.required<number>();

  protected readonly min = Math.round(SPLIT_MIN * 100);
  protected readonly max = Math.round(SPLIT_MAX * 100);
  protected readonly percent = computed(() => Math.round(this.split() * 100));

  private readonly handle = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  protected startDrag(event: PointerEvent): void {
    const before = this.handle.previousElementSibling;
    const after = this.handle.nextElementSibling;
    if (!before || !after) return;
    followDrag(this.handle, event, (e) => {
      const left = before.getBoundingClientRect().left;
      const right = after.getBoundingClientRect().right;
      this.split.set(clampSplit((e.clientX - left) / Math.max(1, right - left)));
    });
  }

  protected moveByKey(event: KeyboardEvent): void {
    const direction = arrowDirection(event);
    if (direction) this.split.update((split) => clampSplit(split + direction * SPLIT_STEP));
  }
}

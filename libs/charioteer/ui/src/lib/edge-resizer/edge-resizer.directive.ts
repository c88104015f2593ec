import { Directive, ElementRef, inject, input, model } from '@angular/core';
import { arrowDirection, followDrag } from '../splitter/separator-drag';

/** How far one arrow key moves the edge (px). */
export const EDGE_STEP = 20;

/**
 * The right edge of a fixed-width pane (its previous sibling), as a separator: drag it with the
 * pointer or move it with the arrow keys. `width` (px) is kept within `min`–`max`; bind it
 * two-way: `[(width)]`. (`chSplitter` shares a width between two growing panes; this sets one.)
 */
@Directive({
  selector: '[chEdgeResizer]',
  host: {
    role: 'separator',
    tabindex: '0',
    'aria-orientation': 'vertical',
    '[attr.aria-valuemin]': 'min()',
    '[attr.aria-valuemax]': 'max()',
    '[attr.aria-valuenow]': 'width()',
    '(pointerdown)': 'startDrag($event)',
    '(keydown)': 'moveByKey($event)',
  },
})
export class EdgeResizerDirective {
  readonly width = model.required<number>();
  readonly min = input(170);
  readonly max = input(560);

  private readonly handle = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  protected startDrag(event: PointerEvent): void {
    const pane = this.handle.previousElementSibling;
    if (pane) followDrag(this.handle, event, (e) => this.set(e.clientX - pane.getBoundingClientRect().left));
  }

  protected moveByKey(event: KeyboardEvent): void {
    const direction = arrowDirection(event);
    if (direction) this.set(this.width() + direction * EDGE_STEP);
  }

  private set(px: number): void {
    this.width.set(Math.round(Math.min(this.max(), Math.max(this.min(), px))));
  }
}

/**
 * Follows a pointer drag that started on `handle` (captured, so it goes on outside it): calls
 * `move` with each pointer event until the button is released.
 */
export function followDrag(handle: HTMLElement, start: PointerEvent, move: (event: PointerEvent) => void): void {
  handle.setPointerCapture?.(start.pointerId);
  const up = () => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', up);
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', up);
  start.preventDefault();
}

/** -1 for ArrowLeft, 1 for ArrowRight (the key is then handled: default prevented), else 0. */
export function arrowDirection(event: KeyboardEvent): -1 | 0 | 1 {
  const direction = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
  if (direction) event.preventDefault();
  return direction;
}

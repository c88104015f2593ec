import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SplitterDirective } from './splitter.directive';

@Component({
  imports: [SplitterDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="row">
    <section class="a"></section>
    <div class="bar" chSplitter [(split)]="split"></div>
    <section class="b"></section>
  </div>`,
})
class HostComponent {
  readonly split = signal(0.5);
}

describe('SplitterDirective', () => {
  async function render() {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const bar = root.querySelector('.bar') as HTMLElement;
    return { fixture, host: fixture.componentInstance, bar, root };
  }

  it('is a separator that says where it stands, and moves by 5 % per arrow key within 20–80 %', async () => {
    const { fixture, host, bar } = await render();
    expect(bar.getAttribute('role')).toBe('separator');
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect([bar.getAttribute('aria-valuemin'), bar.getAttribute('aria-valuemax')]).toEqual(['20', '80']);

    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    await fixture.whenStable();
    expect(host.split()).toBeCloseTo(0.6);
    expect(bar.getAttribute('aria-valuenow')).toBe('60');
    for (let i = 0; i < 10; i++) bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    expect(host.split()).toBe(0.2);
  });

  it('follows the pointer across the two panes around it until it is released', async () => {
    const { host, bar, root } = await render();
    const box = (left: number, right: number) => ({ left, right }) as DOMRect;
    (root.querySelector('.a') as HTMLElement).getBoundingClientRect = () => box(200, 600);
    (root.querySelector('.b') as HTMLElement).getBoundingClientRect = () => box(605, 1200);
    const pointer = (type: string, clientX: number) =>
      bar.dispatchEvent(new MouseEvent(type, { clientX, bubbles: true }));

    pointer('pointerdown', 800);
    pointer('pointermove', 500); // (500 - 200) / (1200 - 200)
    expect(host.split()).toBeCloseTo(0.3);
    pointer('pointermove', 1150); // past the bound
    expect(host.split()).toBe(0.8);
    pointer('pointerup', 1150);
    pointer('pointermove', 700);
    expect(host.split()).toBe(0.8);
  });
});

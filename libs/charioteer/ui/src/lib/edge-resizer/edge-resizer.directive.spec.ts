import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EdgeResizerDirective } from './edge-resizer.directive';

@Component({
  imports: [EdgeResizerDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<nav [style.width.px]="width()"></nav>
    <div class="edge" chEdgeResizer [(width)]="width" [min]="170" [max]="300"></div>`,
})
class HostComponent {
  readonly width = signal(260);
}

describe('EdgeResizerDirective', () => {
  it('is a separator that says the width, and moves it by 20 px per arrow key within its bounds', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const edge = (fixture.nativeElement as HTMLElement).querySelector('.edge') as HTMLElement;
    expect(edge.getAttribute('role')).toBe('separator');
    expect(edge.getAttribute('aria-valuenow')).toBe('260');
    edge.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    edge.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    expect(fixture.componentInstance.width()).toBe(300);
    for (let i = 0; i < 10; i++) edge.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    expect(fixture.componentInstance.width()).toBe(170);
    await fixture.whenStable();
    expect(edge.getAttribute('aria-valuenow')).toBe('170');
  });
});

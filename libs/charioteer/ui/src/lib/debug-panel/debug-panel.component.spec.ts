import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { StackFrame } from '@chariot/contract';
import { BreakpointOptionsChange, DebugPanelComponent } from './debug-panel.component';

const frames: StackFrame[] = [
  { name: 'square', line: 2, column: 3, depth: 1, variables: [] },
  { name: 'main', line: 8, column: 3, depth: 0, variables: [] },
];

describe('DebugPanelComponent', () => {
  let fixture: ComponentFixture<DebugPanelComponent>;
  const root = () => fixture.nativeElement as HTMLElement;
  const all = (id: string) => [...root().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const set = async (name: string, value: unknown) => {
    fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
  };

  beforeEach(async () => {
    fixture = TestBed.createComponent(DebugPanelComponent);
    await fixture.whenStable();
  });

  it('lists the call stack, marks the chosen frame and asks for another', async () => {
    const chosen: number[] = [];
    fixture.componentInstance.frameSelected.subscribe((i) => chosen.push(i));
    expect(all('call-stack')).toHaveLength(0);
    await set('frames', frames);
    await set('selectedFrame', 0);
    expect(all('stack-frame').map((b) => [b.getAttribute('data-frame'), b.getAttribute('aria-selected')])).toEqual([
      ['square:2', 'true'],
      ['main:8', 'false'],
    ]);
    all('stack-frame')[1].click();
    expect(chosen).toEqual([1]);
  });

  it('adds and removes watches, showing each value (as text) or error only for the expression it was evaluated for', async () => {
    const lists: string[][] = [];
    fixture.componentInstance.watchesChange.subscribe((w) => lists.push(w));
    const add = all('watch-add')[0] as HTMLInputElement;
    add.value = ' n * 2 ';
    add.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(lists).toEqual([['n * 2']]);
    expect(add.value).toBe('');

    await set('watches', ['n * 2', 'html', 'x = 1']);
    await set('frames', frames);
    await set('watchResults', [
      { expression: 'n * 2', type: 'N', value: '6', truncated: false },
      { expression: 'html', type: 'S', value: '<b>x</b>', truncated: false },
      { expression: 'other', error: 'stale' },
    ]);
    expect(all('watch-value').map((v) => v.textContent?.trim())).toEqual(['6', '<b>x</b>', 'at the next pause']);
    expect(root().querySelector('b')).toBeNull();
    all('watch-remove')[0].click();
    expect(lists[1]).toEqual(['html', 'x = 1']);
  });

  it("edits a breakpoint's condition, hit condition and log message, a cleared one removed", async () => {
    const changes: BreakpointOptionsChange[] = [];
    fixture.componentInstance.breakpointOptionsChange.subscribe((c) => changes.push(c));
    await set('breakpoints', [4]);
    await set('breakpointOptions', { 4: { hitCondition: '%2' } });
    const input = (field: string) =>
      root().querySelector<HTMLInputElement>(`[data-testid="breakpoint-${field}"]`) as HTMLInputElement;
    expect(input('hitCondition').value).toBe('%2');
    input('condition').value = 'i > 1';
    input('condition').dispatchEvent(new Event('change'));
    input('hitCondition').value = ' ';
    input('hitCondition').dispatchEvent(new Event('change'));
    expect(changes).toEqual([
      { line: 4, options: { hitCondition: '%2', condition: 'i > 1' } },
      { line: 4, options: {} },
    ]);
  });
});

import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { DebugAction } from '@chariot/contract';
import { DebugToolbarComponent, debugActionForKey } from './debug-toolbar.component';

describe('DebugToolbarComponent', () => {
  let fixture: ComponentFixture<DebugToolbarComponent>;
  const root = () => fixture.nativeElement as HTMLElement;
  const button = (action: string) => root().querySelector(`[data-testid="debug-${action}"]`) as HTMLButtonElement;

  beforeEach(async () => {
    fixture = TestBed.createComponent(DebugToolbarComponent);
    await fixture.whenStable();
  });

  it('disables the controls while the run is not paused', () => {
    expect(root().querySelector('[data-testid="debug-state"]')?.textContent?.trim()).toBe('Running…');
    for (const action of ['continue', 'step_over', 'step', 'step_out']) expect(button(action).disabled).toBe(true);
  });

  it('says where the run is paused and emits the chosen action once', async () => {
    fixture.componentRef.setInput('paused', { line: 7, column: 3, depth: 2, variables: [] });
    await fixture.whenStable();
    expect(root().querySelector('[data-testid="debug-state"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Paused at line 7, call depth 2',
    );
    const actions: DebugAction[] = [];
    fixture.componentInstance.action.subscribe((a) => actions.push(a));
    button('step_over').click();
    button('continue').click();
    expect(actions).toEqual(['step_over', 'continue']);

    fixture.componentRef.setInput('busy', true);
    await fixture.whenStable();
    expect(button('step').disabled).toBe(true);
  });

  it("maps VS Code's debugging keys to actions", () => {
    expect(debugActionForKey({ key: 'F5', shiftKey: false })).toBe('continue');
    expect(debugActionForKey({ key: 'F10', shiftKey: false })).toBe('step_over');
    expect(debugActionForKey({ key: 'F11', shiftKey: false })).toBe('step');
    expect(debugActionForKey({ key: 'F11', shiftKey: true })).toBe('step_out');
    expect(debugActionForKey({ key: 'F12', shiftKey: false })).toBeNull();
  });
});

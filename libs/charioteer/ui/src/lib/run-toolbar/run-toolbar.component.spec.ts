import { ComponentRef } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { RunToolbarComponent } from './run-toolbar.component';

describe('RunToolbarComponent', () => {
  let fixture: ComponentFixture<RunToolbarComponent>;
  let ref: ComponentRef<RunToolbarComponent>;
  const q = (id: string) => (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(`[data-testid="${id}"]`);

  beforeEach(async () => {
    fixture = TestBed.createComponent(RunToolbarComponent);
    ref = fixture.componentRef;
    await fixture.whenStable();
  });

  it('emits run and shows no Cancel button while idle', () => {
    const run = jest.fn();
    fixture.componentInstance.runRequested.subscribe(run);
    q('run')?.click();
    expect(run).toHaveBeenCalled();
    expect(q('cancel')).toBeNull();
    expect(q('status')?.textContent).toContain('Ready');
  });

  it('says where a paused run is held', async () => {
    ref.setInput('running', true);
    ref.setInput('status', 'paused');
    ref.setInput('pausedLine', 4);
    await fixture.whenStable();
    expect(q('status')?.textContent).toContain('Paused at line 4');
    expect(q('status')?.getAttribute('data-status')).toBe('paused');
  });

  it('offers Cancel and disables Run and the toggle while running', async () => {
    ref.setInput('running', true);
    ref.setInput('status', 'running');
    await fixture.whenStable();
    const cancel = jest.fn();
    fixture.componentInstance.cancelRequested.subscribe(cancel);
    q('cancel')?.click();
    expect(cancel).toHaveBeenCalled();
    expect((q('run') as HTMLButtonElement).disabled).toBe(true);
    expect((q('stream-toggle') as HTMLInputElement).disabled).toBe(true);
    expect(q('status')?.getAttribute('data-status')).toBe('running');
  });

  it('shows a queued run as Queued, with Cancel offered', async () => {
    ref.setInput('running', true);
    ref.setInput('status', 'queued');
    await fixture.whenStable();
    expect(q('status')?.textContent).toContain('Queued');
    expect(q('status')?.getAttribute('data-status')).toBe('queued');
    expect(q('cancel')).not.toBeNull();
  });

  it('reports the Stream Logs toggle, checked by default', () => {
    const changes: boolean[] = [];
    fixture.componentInstance.streamLogsChange.subscribe((v) => changes.push(v));
    const toggle = q('stream-toggle') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    toggle.click();
    expect(changes).toEqual([false]);
  });

  it('shows progress while running', async () => {
    ref.setInput('running', true);
    ref.setInput('progress', { percent: 40, message: 'working' });
    await fixture.whenStable();
    expect(q('progress')?.textContent).toContain('40%');
  });
});

import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { VariableSnapshot } from '@chariot/contract';
import { VariablesPanelComponent } from './variables-panel.component';

const variables: VariableSnapshot[] = [
  { name: 'limit', type: 'N', value: '3', truncated: false, scope: 'global' },
  { name: 'html', type: 'S', value: '<img src=x onerror=alert(1)>', truncated: false, scope: 'program' },
  { name: 'long', type: 'S', value: 'x'.repeat(1000), truncated: true, scope: 'program' },
  { name: 'total', type: 'N', value: '3', truncated: false, scope: 'program' },
  { name: 'x', type: 'N', value: '1', truncated: false, scope: 'local' },
];

describe('VariablesPanelComponent', () => {
  let fixture: ComponentFixture<VariablesPanelComponent>;
  const root = () => fixture.nativeElement as HTMLElement;
  const rows = () => [...root().querySelectorAll<HTMLElement>('[data-testid="variable"]')];

  beforeEach(async () => {
    fixture = TestBed.createComponent(VariablesPanelComponent);
    await fixture.whenStable();
  });

  it('explains what it shows before any run, and while a run goes on', async () => {
    expect(root().querySelector('[data-testid="variables-empty"]')?.textContent).toContain('Run a script');
    fixture.componentRef.setInput('state', 'running');
    await fixture.whenStable();
    expect(root().querySelector('[data-testid="variables-empty"]')?.textContent).toContain('when the run ends');
    fixture.componentRef.setInput('state', 'unavailable');
    await fixture.whenStable();
    expect(root().querySelector('[data-testid="variables-empty"]')?.textContent).toContain('stopped before it ended');
  });

  it('lists name, type and value as text, marks globals and shortened values', async () => {
    fixture.componentRef.setInput('variables', variables);
    fixture.componentRef.setInput('state', 'ready');
    await fixture.whenStable();
    expect(rows().map((row) => row.dataset['name'])).toEqual(['limit', 'html', 'long', 'total', 'x']);
    const [limit, html, long, , x] = rows();
    expect(x.querySelector('.local')?.textContent).toBe('local');
    expect(limit.querySelector('.local')).toBeNull();
    expect(limit.querySelector('.global')).not.toBeNull();
    expect(limit.querySelector('.type')?.textContent?.trim()).toBe('Number (N)');
    expect(html.querySelector('.global')).toBeNull();
    expect(html.querySelector('[data-testid="variable-value"]')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(html.querySelector('img')).toBeNull();
    expect(long.querySelector('[data-testid="variable-truncated"]')).not.toBeNull();
    expect(html.querySelector('[data-testid="variable-truncated"]')).toBeNull();
    expect(root().querySelector('[data-testid="variables-count"]')?.textContent).toBe('5 of 5');
  });

  it('filters by name', async () => {
    fixture.componentRef.setInput('variables', variables);
    fixture.componentRef.setInput('state', 'ready');
    await fixture.whenStable();
    const filter = root().querySelector('[data-testid="variables-filter"]') as HTMLInputElement;
    filter.value = 'TOT';
    filter.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(rows().map((row) => row.dataset['name'])).toEqual(['total']);
    expect(root().querySelector('[data-testid="variables-count"]')?.textContent).toBe('1 of 5');
  });

  it('says so when a finished run left nothing defined', async () => {
    fixture.componentRef.setInput('variables', []);
    fixture.componentRef.setInput('state', 'ready');
    await fixture.whenStable();
    expect(root().querySelector('[data-testid="variables-empty"]')?.textContent).toContain('left no variables');
  });
});

import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { OutputLine, OutputLineFactory } from '@chariot/charioteer-util';
import { OutputPanelComponent } from './output-panel.component';

@Component({
  imports: [OutputPanelComponent],
  template: `<ch-output-panel [lines]="lines()" style="display:block;height:400px" />`,
})
class HostComponent {
  readonly lines = signal<readonly OutputLine[]>([]);
}

describe('OutputPanelComponent', () => {
  const f = new OutputLineFactory();
  const ts = '2026-01-01T00:00:00.000Z';

  async function render(lines: OutputLine[]) {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.lines.set(lines);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows a placeholder while empty', async () => {
    const el = await render([]);
    expect(el.textContent).toContain('Press Run');
  });

  it('renders each line with its test id and level colour', async () => {
    const el = await render([
      f.status('Starting execution...'),
      f.log({ seq: 1, timestamp: ts, level: 'INFO', message: 'hello' }),
      f.log({ seq: 2, timestamp: ts, level: 'ERROR', message: 'bad' }),
      f.result(3),
    ]);
    const logLines = el.querySelectorAll<HTMLElement>('[data-testid="log-line"]');
    expect(logLines).toHaveLength(2);
    expect(logLines[0].textContent).toContain('[INFO]');
    expect(logLines[0].style.color).toBe('rgb(78, 201, 176)');
    expect(logLines[1].style.color).toBe('rgb(244, 71, 71)');
    expect(el.querySelector('[data-testid="result"]')?.textContent).toBe('Result: 3');
    expect(el.querySelector('[data-testid="output"]')).not.toBeNull();
  });

  it('renders log text as text, never as HTML', async () => {
    const el = await render([f.log({ seq: 1, timestamp: ts, level: 'WARN', message: '<img src=x onerror=alert(1)>' })]);
    const line = el.querySelector('[data-testid="log-line"]') as HTMLElement;
    expect(line.querySelector('img')).toBeNull();
    expect(line.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

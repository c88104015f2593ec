import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ExecutionListItem } from '@chariot/contract';
import { HistoryListComponent } from './history-list.component';

const run = (id: string, program: string, status: ExecutionListItem['status'] = 'succeeded'): ExecutionListItem => ({
  id,
  owner: 'ada',
  status,
  program_preview: program,
  program_bytes: program.length,
  created_at: '2026-01-01T00:00:00.000Z',
  started_at: '2026-01-01T00:00:00.000Z',
  finished_at: '2026-01-01T00:00:01.500Z',
  entry_count: 0,
  dropped_count: 0,
});

describe('HistoryListComponent', () => {
  let fixture: ComponentFixture<HistoryListComponent>;
  const root = () => fixture.nativeElement as HTMLElement;
  const q = (id: string) => root().querySelectorAll<HTMLButtonElement>(`[data-testid="${id}"]`);

  beforeEach(async () => {
    fixture = TestBed.createComponent(HistoryListComponent);
    fixture.componentRef.setInput('runs', [run('e2', 'logPrint("<b>x</b>")\nmore', 'failed'), run('e1', '')]);
    await fixture.whenStable();
  });

  it('shows status, duration and the first line of each program, as text', () => {
    const items = q('history-item');
    expect([...items].map((item) => item.dataset['status'])).toEqual(['failed', 'succeeded']);
    expect(items[0].querySelector('.program')?.textContent).toBe('logPrint("<b>x</b>")');
    expect(items[0].querySelector('b')).toBeNull();
    expect(items[0].querySelector('.duration')?.textContent).toBe('1.5s');
    expect(items[1].querySelector('.program')?.textContent).toBe('(empty program)');
  });

  it('opens a run, or its program in the editor', () => {
    const opened: string[] = [];
    const edited: string[] = [];
    fixture.componentInstance.opened.subscribe((r) => opened.push(r.id));
    fixture.componentInstance.edited.subscribe((r) => edited.push(r.id));
    q('history-item')[1].click();
    q('history-edit')[0].click();
    expect(opened).toEqual(['e1']);
    expect(edited).toEqual(['e2']);
  });

  it('names the file a run came from, opens it by name, and re-runs any run', async () => {
    fixture.componentRef.setInput('runs', [{ ...run('e3', 'logPrint(1)'), file: 'report.ch' }, run('e1', '')]);
    await fixture.whenStable();
    expect([...q('history-file')].map((el) => el.textContent)).toEqual(['report.ch']);
    expect(q('history-open-file')).toHaveLength(1);
    const files: string[] = [];
    const reruns: string[] = [];
    fixture.componentInstance.fileOpened.subscribe((name) => files.push(name));
    fixture.componentInstance.rerun.subscribe((r) => reruns.push(r.id));
    q('history-open-file')[0].click();
    q('history-rerun')[1].click();
    expect(files).toEqual(['report.ch']);
    expect(reruns).toEqual(['e1']);
  });

  it('offers "Load more" only when more runs are stored, disabled while loading', async () => {
    expect(q('history-more')).toHaveLength(0);
    const more = jest.fn();
    fixture.componentInstance.moreRequested.subscribe(more);
    fixture.componentRef.setInput('hasMore', true);
    await fixture.whenStable();
    q('history-more')[0].click();
    expect(more).toHaveBeenCalledTimes(1);
    fixture.componentRef.setInput('loading', true);
    await fixture.whenStable();
    expect(q('history-more')[0].disabled).toBe(true);
  });
});

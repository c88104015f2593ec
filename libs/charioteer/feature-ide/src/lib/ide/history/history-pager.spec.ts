import { TestBed } from '@angular/core/testing';
import { HistoryService } from '@chariot/charioteer-data-access';
import type { ExecutionListItem, ExecutionPage } from '@chariot/contract';
import { Observable, of, Subject, throwError } from 'rxjs';
import { HISTORY_PAGE, HistoryPager } from './history-pager';

describe('HistoryPager', () => {
  const run = (id: string) => ({ id }) as ExecutionListItem;
  const page = (ids: string[], total: number, offset = 0): ExecutionPage => ({
    items: ids.map(run),
    total,
    limit: HISTORY_PAGE,
    offset,
  });
  const api = { list: jest.fn<Observable<ExecutionPage>, [number?, number?]>(), get: jest.fn() };
  let pager: HistoryPager;
  const ids = () => pager.runs().map((r) => r.id);

  beforeEach(() => {
    api.list.mockReset();
    TestBed.configureTestingModule({ providers: [HistoryPager, { provide: HistoryService, useValue: api }] });
    pager = TestBed.inject(HistoryPager);
  });

  it('loads the newest page, says how many more there are, and appends the next page after it', () => {
    const first = new Subject<ExecutionPage>();
    api.list.mockReturnValueOnce(first);
    pager.refresh();
    expect(api.list).toHaveBeenLastCalledWith(HISTORY_PAGE, 0);
    expect(pager.loading()).toBe(true);
    first.next(page(['e5', 'e4'], 4));
    expect(pager.loading()).toBe(false);
    expect(pager.total()).toBe(4);
    expect(pager.hasMore()).toBe(true);

    api.list.mockReturnValueOnce(of(page(['e3', 'e2'], 4, 2)));
    pager.more();
    expect(api.list).toHaveBeenLastCalledWith(HISTORY_PAGE, 2);
    expect(ids()).toEqual(['e5', 'e4', 'e3', 'e2']);
    expect(pager.hasMore()).toBe(false);
  });

  it('does not repeat runs that the next page holds again because newer runs shifted the offsets', () => {
    api.list.mockReturnValueOnce(of(page(['e5', 'e4'], 5)));
    pager.refresh();
    // e6 started meanwhile: offset 2 now starts at e4.
    api.list.mockReturnValueOnce(of(page(['e4', 'e3'], 6, 2)));
    pager.more();
    expect(ids()).toEqual(['e5', 'e4', 'e3']);
    expect(pager.total()).toBe(6);
  });

  it('replaces the list on refresh, and keeps it when a page fails', () => {
    api.list.mockReturnValueOnce(of(page(['e1'], 1)));
    pager.refresh();
    api.list.mockReturnValueOnce(of(page(['e2', 'e1'], 2)));
    pager.refresh();
    expect(ids()).toEqual(['e2', 'e1']);

    api.list.mockReturnValueOnce(throwError(() => new Error('offline')));
    pager.more();
    expect(pager.loading()).toBe(false);
    expect(ids()).toEqual(['e2', 'e1']);
  });

  it("fetches a listed run's whole program from its detail, since the list carries only a preview", () => {
    api.get.mockReturnValueOnce(of({ id: 'e1', program: 'the whole program' }));
    let program: string | undefined;
    pager.programOf(run('e1')).subscribe((p) => (program = p));
    expect(api.get).toHaveBeenCalledWith('e1');
    expect(program).toBe('the whole program');
  });
});

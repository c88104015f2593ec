import type { ExecutionDetail, VariableSnapshot } from '@chariot/contract';
import { ApiError } from '@chariot/charioteer-data-access';
import { Observable, of, Subject, throwError } from 'rxjs';
import { RunInspector } from './run-inspector';

describe('RunInspector', () => {
  const total: VariableSnapshot = { name: 'total', type: 'N', value: '3', truncated: false, scope: 'program' };
  const history = { get: jest.fn<Observable<ExecutionDetail>, [string]>() };
  let inspector: RunInspector;

  beforeEach(() => {
    history.get.mockReset();
    inspector = new RunInspector(history);
  });

  it('waits for a run, then shows the variables the detail it was handed holds, without fetching', () => {
    expect(inspector.status()).toBe('idle');
    inspector.expect();
    expect(inspector.status()).toBe('running');
    inspector.inspect({ variables: [total] } as ExecutionDetail, 'e1');
    expect(inspector.variables()).toEqual([total]);
    expect(inspector.status()).toBe('ready');
    expect(history.get).not.toHaveBeenCalled();
  });

  it('fetches the variables of an ended run by its id', () => {
    const detail = new Subject<ExecutionDetail>();
    history.get.mockReturnValue(detail);
    inspector.inspect(undefined, 'e1');
    expect(history.get).toHaveBeenCalledWith('e1');
    expect(inspector.status()).toBe('loading');
    detail.next({ variables: [total] } as ExecutionDetail);
    expect(inspector.status()).toBe('ready');
  });

  it("hands the ended run's detail on, given or fetched (the output shows its dropped count)", () => {
    const ended = jest.fn();
    inspector = new RunInspector(history, ended);
    inspector.inspect({ variables: [total], dropped_count: 2 } as ExecutionDetail, 'e1');
    history.get.mockReturnValue(of({ variables: null, dropped_count: 5 } as ExecutionDetail));
    inspector.inspect(undefined, 'e2');
    expect(ended.mock.calls.map(([detail]: [ExecutionDetail]) => detail.dropped_count)).toEqual([2, 5]);
  });

  it('says none were captured without an id, when the run left none, or when the detail cannot be read', () => {
    inspector.inspect(undefined, null);
    expect(inspector.status()).toBe('unavailable');
    history.get.mockReturnValue(of({ variables: null } as ExecutionDetail));
    inspector.inspect(undefined, 'e1');
    expect(inspector.status()).toBe('unavailable');
    history.get.mockReturnValue(throwError(() => new ApiError({ code: 'NOT_FOUND', message: 'gone' }, 404)));
    inspector.inspect(undefined, 'e2');
    expect(inspector.status()).toBe('unavailable');
    expect(inspector.variables()).toBeNull();
  });

  it('drops a fetch still under way when the next run starts', () => {
    const detail = new Subject<ExecutionDetail>();
    history.get.mockReturnValue(detail);
    inspector.inspect(undefined, 'e1');
    inspector.expect();
    detail.next({ variables: [total] } as ExecutionDetail);
    expect(inspector.variables()).toBeNull();
    expect(inspector.status()).toBe('running');
  });
});

import { ApiError } from '@chariot/charioteer-data-access';
import type { DebugAction, DebugChanges } from '@chariot/contract';
import { Observable, Subject, throwError } from 'rxjs';
import { DebugSession } from './debug-session';

describe('DebugSession', () => {
  let breakpoints: number[];
  let reports: string[];
  let answer: Subject<void>;
  const api = { debug: jest.fn<Observable<void>, [string, DebugAction, DebugChanges?]>() };
  let session: DebugSession;

  beforeEach(() => {
    breakpoints = [3];
    reports = [];
    answer = new Subject();
    api.debug.mockReset().mockReturnValue(answer);
    session = new DebugSession(
      api,
      () => ({ breakpoints, watches: ['x'] }),
      (message) => reports.push(message),
    );
  });

  it('sends one action at a time, with the breakpoints and watches as they are when it goes', () => {
    breakpoints = [3, 9];
    session.send('d1', 'step_over');
    session.send('d1', 'continue');
    expect(api.debug.mock.calls).toEqual([['d1', 'step_over', { breakpoints: [3, 9], watches: ['x'] }]]);
    expect(session.busy()).toBe(true);

    session.settle(); // the run answered (resumed, paused or ended)
    expect(session.busy()).toBe(false);
    session.send('d1', 'continue');
    expect(api.debug).toHaveBeenLastCalledWith('d1', 'continue', { breakpoints: [3, 9], watches: ['x'] });
  });

  it('reports an action the server refused and lets the user try again', () => {
    api.debug.mockReturnValue(
      throwError(() => new ApiError({ code: 'NOT_PAUSED', message: 'The execution is not paused' }, 409)),
    );
    session.send('d1', 'step');
    expect(reports).toEqual(['Debugger: The execution is not paused']);
    expect(session.busy()).toBe(false);
  });
});

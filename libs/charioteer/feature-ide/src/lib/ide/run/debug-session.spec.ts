import { ApiError } from '@chariot/charioteer-data-access';
import type { DebugAction } from '@chariot/contract';
import { Observable, Subject, throwError } from 'rxjs';
import { DebugSession } from './debug-session';

describe('DebugSession', () => {
  let breakpoints: number[];
  let reports: string[];
  let answer: Subject<void>;
  const api = { debug: jest.fn<Observable<void>, [string, DebugAction, readonly number[]?]>() };
  let session: DebugSession;

  beforeEach(() => {
    breakpoints = [3];
    reports = [];
    answer = new Subject();
    api.debug.mockReset().mockReturnValue(answer);
    session = new DebugSession(api, () => breakpoints, (message) => reports.push(message));
  });

  it('sends one action at a time, with the breakpoints as they are when it goes', () => {
    breakpoints = [3, 9];
    session.send('d1', 'step_over');
    session.send('d1', 'continue');
    expect(api.debug.mock.calls).toEqual([['d1', 'step_over', [3, 9]]]);
    expect(session.busy()).toBe(true);

    session.settle(); // the run answered (resumed, paused or ended)
    expect(session.busy()).toBe(false);
    session.send('d1', 'continue');
    expect(api.debug).toHaveBeenLastCalledWith('d1', 'continue', [3, 9]);
  });

  it('reports an action the server refused and lets the user try again', () => {
    api.debug.mockReturnValue(throwError(() => new ApiError({ code: 'NOT_PAUSED', message: 'The execution is not paused' }, 409)));
    session.send('d1', 'step');
    expect(reports).toEqual(['Debugger: The execution is not paused']);
    expect(session.busy()).toBe(false);
  });
});

import type { ExecutionDetail, ExecutionStatus } from '@chariot/contract';
import { of } from 'rxjs';
import { endPollDelay, waitForEnd } from './wait-for-end';

describe('waitForEnd', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('looks again, less and less often, until the run has ended, and emits its last detail once', () => {
    const statuses: ExecutionStatus[] = ['queued', 'running', 'running', 'failed'];
    const get = jest.fn(() => of({ id: 'e1', status: statuses.shift() } as ExecutionDetail));
    const phases: string[] = [];
    const ended: ExecutionDetail[] = [];
    waitForEnd(get, 'e1', (phase) => phases.push(phase)).subscribe((detail) => ended.push(detail));

    expect(get).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(endPollDelay(0));
    expect(get).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(endPollDelay(1) + endPollDelay(2));
    expect(get).toHaveBeenCalledTimes(4);
    expect(phases).toEqual(['queued', 'running', 'running']);
    expect(ended.map((d) => d.status)).toEqual(['failed']);
  });

  it('waits 100 ms at first and never more than a second', () => {
    expect(endPollDelay(0)).toBe(100);
    expect(endPollDelay(1)).toBe(150);
    expect(endPollDelay(20)).toBe(1000);
  });
});

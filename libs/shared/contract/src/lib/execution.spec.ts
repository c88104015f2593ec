import { isFinalStatus, EXECUTION_STATUSES } from './execution';

describe('isFinalStatus', () => {
  it('treats only queued and running as unfinished', () => {
    const unfinished = EXECUTION_STATUSES.filter((s) => !isFinalStatus(s));
    expect(unfinished).toEqual(['queued', 'running']);
  });
});

import { isEndStatus, isLive, LiveRun, RunState, statusOf, withRun } from './run-state';

describe('RunState', () => {
  const run: LiveRun = {
    executionId: 'e1',
    progress: null,
    connection: 'open',
    fromEditor: true,
    synchronous: false,
    debugging: true,
    cancelling: false,
  };
  const at = { line: 2, column: 1, depth: 0, variables: [] };

  it('shows a paused run as paused and an ended one by how it ended', () => {
    const states: RunState[] = [
      { phase: 'idle' },
      { phase: 'starting', run },
      { phase: 'queued', run },
      { phase: 'paused', run, at },
      { phase: 'ended', run, status: 'timed_out', diagnostic: null },
    ];
    expect(states.map(statusOf)).toEqual(['idle', 'starting', 'queued', 'paused', 'timed_out']);
    expect(states.map(isLive)).toEqual([false, true, true, true, false]);
  });

  it('tells end statuses from live ones', () => {
    expect(
      ['succeeded', 'cancelled', 'error', 'queued', 'running', 'idle'].map((s) => isEndStatus(s as never)),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('changes a run in a new value, and keeps the same value when nothing changes', () => {
    const state: RunState = { phase: 'paused', run, at };
    expect(withRun(state, { connection: 'open' })).toBe(state);
    const next = withRun(state, { connection: 'reconnecting' });
    expect(next).toEqual({ phase: 'paused', run: { ...run, connection: 'reconnecting' }, at });
    expect(state.run.connection).toBe('open');
  });
});

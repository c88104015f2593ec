import type { LogEntry } from '@chariot/contract';
import { ExecutionMetrics } from './execution-metrics';

const entry = (seq: number, at: number): LogEntry => ({
  seq,
  timestamp: new Date(at).toISOString(),
  level: 'INFO',
  message: `line ${seq}`,
});

describe('ExecutionMetrics', () => {
  it('counts stored entries and how long each took from its timestamp to storage', () => {
    const metrics = new ExecutionMetrics();
    const storedAt = Date.parse('2026-12-03T12:00:00.000Z');
    metrics.entriesStored([entry(1, storedAt - 1), entry(2, storedAt - 4), entry(3, storedAt - 30_000)], storedAt);
    expect(metrics.entriesWritten).toBe(3);
    const text = metrics.storeDelay.exposition('d', 'h');
    expect(text).toContain('d_bucket{le="0.001"} 1');
    expect(text).toContain('d_bucket{le="0.005"} 2');
    expect(text).toContain('d_bucket{le="10"} 2');
    expect(text).toContain('d_bucket{le="+Inf"} 3');
    expect(text).toContain('d_sum 30.005');
  });
});

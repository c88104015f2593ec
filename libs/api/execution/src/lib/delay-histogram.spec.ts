import { DelayHistogram } from './delay-histogram';

describe('DelayHistogram', () => {
  it('counts each delay in the first bucket whose bound holds it, cumulatively and in seconds', () => {
    const histogram = new DelayHistogram([1, 5, 100]);
    for (const ms of [0, 1, 2, 5, 6, 100, 101, 5000]) histogram.observe(ms);
    expect(histogram.exposition('x_seconds', 'Delays.')).toEqual([
      '# HELP x_seconds Delays.',
      '# TYPE x_seconds histogram',
      'x_seconds_bucket{le="0.001"} 2',
      'x_seconds_bucket{le="0.005"} 4',
      'x_seconds_bucket{le="0.1"} 6',
      'x_seconds_bucket{le="+Inf"} 8',
      'x_seconds_sum 5.215',
      'x_seconds_count 8',
    ]);
  });

  it('counts a negative delay as none', () => {
    const histogram = new DelayHistogram([1]);
    histogram.observe(-3);
    expect(histogram.count).toBe(1);
    expect(histogram.exposition('x', 'h')).toContain('x_bucket{le="0.001"} 1');
    expect(histogram.exposition('x', 'h')).toContain('x_sum 0');
  });
});

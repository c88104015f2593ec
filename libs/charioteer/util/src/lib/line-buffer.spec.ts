import { LineBuffer, viewToArray } from './line-buffer';

describe('LineBuffer', () => {
  it('keeps 100,000 appended rows in order across chunks', () => {
    const buffer = new LineBuffer<number>();
    for (let i = 0; i < 100_000; i++) buffer.push(i);
    expect(buffer.length).toBe(100_000);
    expect(buffer.at(0)).toBe(0);
    expect(buffer.at(4095)).toBe(4095);
    expect(buffer.at(4096)).toBe(4096);
    expect(buffer.at(99_999)).toBe(99_999);
  });

  it('gives snapshots that later appends do not change', () => {
    const buffer = new LineBuffer<string>();
    buffer.pushAll(['a', 'b']);
    const view = buffer.snapshot();
    buffer.push('c');
    expect(view.length).toBe(2);
    expect(viewToArray(view)).toEqual(['a', 'b']);
    expect(() => view.at(2)).toThrow(RangeError);
    expect(buffer.snapshot().source).toBe(view.source);
  });
});

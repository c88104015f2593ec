import { LineBuffer } from './line-buffer';
import { GroupIndex } from './log-groups';
import { OutputLine, OutputLineFactory } from './output-line';

describe('GroupIndex', () => {
  const f = new OutputLineFactory();
  let seq = 0;
  const log = (message: string, level: 'INFO' | 'WARN' | 'ERROR' = 'INFO', second = 0) =>
    f.log({ seq: ++seq, timestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`, level, message });

  it('finds nested groups with their lines, depth, count, times and problems, as lines arrive', () => {
    const buffer = new LineBuffer<OutputLine>();
    const index = new GroupIndex();
    buffer.pushAll([
      ...log('::group::outer', 'INFO', 1),
      ...log('a'),
      ...log('::group::inner'),
      ...log('careful', 'WARN'),
    ]);
    index.extend(buffer.snapshot());
    const outer = index.groupAt(0);
    const inner = index.groupAt(2);
    expect(outer).toMatchObject({ name: 'outer', depth: 0, end: null, entries: 2, problem: true });
    expect(inner).toMatchObject({ name: 'inner', depth: 1, parent: outer, entries: 1, problem: true });
    expect([0, 1, 2, 3].map((i) => index.depthOf(i))).toEqual([0, 1, 1, 2]);

    const changes = index.changes;
    buffer.pushAll([...log('::endgroup::'), ...log('b'), ...log('::endgroup::', 'INFO', 4), ...log('after')]);
    index.extend(buffer.snapshot());
    expect(inner?.end).toBe(4);
    expect(outer).toMatchObject({
      end: 6,
      entries: 3,
      endedAt: '2026-01-01T00:00:04.000Z',
      startedAt: '2026-01-01T00:00:01.000Z',
    });
    expect(index.groupOf(7)).toBeNull();
    expect(index.groupOf(5)).toBe(outer);
    expect(index.changes).toBe(changes + 2);
  });

  it('shows a group header as its name, and keeps the markers out of the text of other lines', () => {
    const [header] = log('::group::Build \x1b[1mall\x1b[0m');
    expect(header).toMatchObject({ group: 'start', groupName: 'Build all' });
    expect(header.text.endsWith(' Build all')).toBe(true);
    expect(log('::endgroup::')[0].group).toBe('end');
    expect(log('not ::group:: here')[0].group).toBeUndefined();
  });
});

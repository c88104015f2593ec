import { systemClock } from './clock';
import { randomIds } from './id-source';
import { ManualClock } from './manual-clock';
import { SequentialIds } from './sequential-ids';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('clock and ids', () => {
  it('the system clock tells the machine time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    const ms = systemClock.epochMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(ms).toBeGreaterThanOrEqual(now);
  });

  it('random ids are distinct version 4 UUIDs', () => {
    const a = randomIds.uuid();
    expect(a).toMatch(UUID_V4);
    expect(randomIds.uuid()).not.toBe(a);
  });

  it('a manual clock stands still until advanced', () => {
    const clock = new ManualClock('2026-05-01T10:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-05-01T10:00:00.000Z');
    clock.advance(1500);
    expect(clock.epochMs()).toBe(Date.parse('2026-05-01T10:00:01.500Z'));
    expect(clock.now().toISOString()).toBe('2026-05-01T10:00:01.500Z');
  });

  it('sequential ids count in valid UUIDs', () => {
    const ids = new SequentialIds();
    expect(ids.uuid()).toBe('00000000-0000-4000-8000-000000000001');
    expect(ids.uuid()).toBe('00000000-0000-4000-8000-000000000002');
    expect(new SequentialIds().uuid()).toMatch(UUID_V4);
  });
});

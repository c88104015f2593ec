import { ThrottlerStorageService } from '@nestjs/throttler';
import { ManualClock } from '@chariot/api-common';
import { RateLimitStorage } from './rate-limit.storage';

const TTL = 60_000;

describe('RateLimitStorage', () => {
  let clock: ManualClock;
  let storage: RateLimitStorage;

  beforeEach(() => {
    clock = new ManualClock();
    storage = new RateLimitStorage(clock);
  });

  afterEach(() => storage.close());

  const hit = (key = 'default:user:1', limit = 3, blockDuration = TTL) =>
    storage.increment(key, TTL, limit, blockDuration, 'default');

  it('counts hits per key and blocks past the limit until the block ends', async () => {
    for (let n = 1; n <= 3; n++) await expect(hit()).resolves.toMatchObject({ totalHits: n, isBlocked: false });
    await expect(hit('default:user:2')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
    await expect(hit()).resolves.toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    clock.advance(30_000);
    await expect(hit()).resolves.toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 30 });
    clock.advance(30_000);
    await expect(hit()).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('lets hits leave the window one by one, a minute after each', async () => {
    await hit();
    clock.advance(20_000);
    await hit();
    clock.advance(20_000);
    await hit();
    clock.advance(20_000); // the first has left
    await expect(hit()).resolves.toMatchObject({ totalHits: 3, isBlocked: false });
    clock.advance(40_000); // the second and third too
    await expect(hit()).resolves.toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('drops idle windows when it sweeps, and keeps blocked or busy ones', async () => {
    await hit('default:a');
    clock.advance(30_000);
    for (let n = 0; n < 4; n++) await hit('default:b'); // blocked for a minute from now
    clock.advance(30_000 - 1);
    storage.sweepIdle();
    expect(storage.size).toBe(2);
    clock.advance(1); // a's hit has left its window
    storage.sweepIdle();
    expect(storage.size).toBe(1);
    clock.advance(30_000); // b's block is over
    storage.sweepIdle();
    expect(storage.size).toBe(0);
  });

  describe('answers as @nestjs/throttler’s own storage does', () => {
    beforeEach(() => jest.useFakeTimers({ now: clock.epochMs() }));
    afterEach(() => jest.useRealTimers());

    it.each([
      ['with a block', TTL],
      ['without a block', 0],
    ])('over a long run of requests %s', async (_name, blockDuration) => {
      const reference = new ThrottlerStorageService();
      // a fixed pseudo-random walk: bursts, pauses, two keys
      let seed = 7;
      let refused = 0;
      const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      for (let n = 0; n < 2000; n++) {
        const step = next() < 0.97 ? Math.floor(next() * 200) : Math.floor(next() * 70_000);
        clock.advance(step);
        jest.setSystemTime(clock.epochMs());
        const key = next() < 0.8 ? 'default:user:1' : 'default:user:2';
        const ours = await storage.increment(key, TTL, 20, blockDuration, 'default');
        const theirs = await reference.increment(key, TTL, 20, blockDuration, 'default');
        expect(ours).toEqual(theirs);
        refused += ours.isBlocked ? 1 : 0;
      }
      expect(refused).toBeGreaterThan(100); // the run did go past the limit, often
      reference.onApplicationShutdown();
    });
  });
});

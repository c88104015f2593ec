import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { RateLimitGuard } from './rate-limit.guard';

/** Exposes the two protected hooks that decide whose budget a request spends. */
class ProbedGuard extends RateLimitGuard {
  key(handler: string, tracker: string): string {
    const context = {
      getClass: () => ({ name: 'SomeController' }),
      getHandler: () => ({ name: handler }),
    } as unknown as ExecutionContext;
    return this.generateKey(context, tracker, 'default');
  }

  tracker(request: object): Promise<string> {
    return this.getTracker(request as Record<string, unknown>);
  }
}

describe('RateLimitGuard', () => {
  const guard = new ProbedGuard(
    { throttlers: [{ ttl: 60_000, limit: 10 }] },
    new ThrottlerStorageService(),
    new Reflector(),
  );

  it('spends one budget over every route', () => {
    expect(guard.key('list', 'user:1')).toBe(guard.key('execute', 'user:1'));
    expect(guard.key('list', 'user:1')).not.toBe(guard.key('list', 'user:2'));
  });

  it('tracks the user once signed in, and the address (an IPv6 /64) before', async () => {
    await expect(guard.tracker({ user: { id: 'u1' }, ip: '1.2.3.4' })).resolves.toBe('user:u1');
    await expect(guard.tracker({ ip: '::ffff:1.2.3.4' })).resolves.toBe('ip:1.2.3.4');
    await expect(guard.tracker({ ip: '2001:db8:1:2:aaaa::1' })).resolves.toBe('ip:2001:db8:1:2::/64');
  });
});

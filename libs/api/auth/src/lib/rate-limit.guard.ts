import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '@chariot/api-common';

/** Request-rate limit per user (per address before login); runs after the auth guard. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const user = (request as unknown as AuthenticatedRequest).user;
    return Promise.resolve(user ? `user:${user.id}` : `ip:${String((request as unknown as AuthenticatedRequest).ip)}`);
  }
}

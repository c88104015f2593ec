import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '@chariot/api-common';
import { clientAddress } from './client-address';

/**
 * Request-rate limit per user (per address before login), one budget over every route; runs
 * after the auth guard, which has put the user on the request.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { user } = request as unknown as AuthenticatedRequest;
    return Promise.resolve(
      user ? `user:${user.id}` : `ip:${clientAddress(request as unknown as AuthenticatedRequest)}`,
    );
  }

  /** The throttler's own key adds the controller and handler, which would make the budget per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}

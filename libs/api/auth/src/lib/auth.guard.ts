import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@chariot/contract';
import { ApiException, AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLE } from '@chariot/api-common';
import { SessionsService } from './sessions.service';
import { extractToken } from './token-extractor';

/**
 * Global guard: every route needs a live session unless marked @Public(). Running as a guard
 * means an SSE route answers 401 before its stream opens.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = extractToken(request);
    const user = token ? await this.sessions.authenticate(token) : undefined;
    if (!user) throw new ApiException(401, 'UNAUTHORIZED', 'Login required: the session is missing or expired');
    request.user = user;
    const role = this.reflector.getAllAndOverride<UserRole | undefined>(REQUIRED_ROLE, targets);
    if (role && user.role !== role) throw new ApiException(403, 'FORBIDDEN', `This needs the '${role}' role`);
    return true;
  }
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@chariot/contract';
import {
  ALLOWED_WITH_DEFAULT_PASSWORD,
  ApiException,
  AuthenticatedRequest,
  IS_PUBLIC,
  REQUIRED_ROLE,
} from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { SessionsService } from './sessions.service';
import { extractToken } from './token-extractor';

/**
 * Global guard: every route needs a live session unless marked @Public(). Running as a guard
 * means an SSE route answers 401 before its stream opens. A user who still has the seeded
 * default password may only call @AllowedWithDefaultPassword() routes (unless
 * ALLOW_DEFAULT_PASSWORD): a server left with admin/admin gives nobody its scripts or logs.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = extractToken(request);
    const user = token ? await this.sessions.authenticate(token) : undefined;
    if (!user) throw new ApiException(401, 'UNAUTHORIZED', 'Login required: the session is missing or expired');
    request.user = user;
    if (
      user.mustChangePassword &&
      !this.config.ALLOW_DEFAULT_PASSWORD &&
      !this.reflector.getAllAndOverride<boolean>(ALLOWED_WITH_DEFAULT_PASSWORD, targets)
    ) {
      throw passwordChangeRequired();
    }
    const role = this.reflector.getAllAndOverride<UserRole | undefined>(REQUIRED_ROLE, targets);
    if (role && user.role !== role) throw new ApiException(403, 'FORBIDDEN', `This needs the '${role}' role`);
    return true;
  }
}

export function passwordChangeRequired(): ApiException {
  return new ApiException(
    403,
    'PASSWORD_CHANGE_REQUIRED',
    'This account still has its default password: change it first (POST /api/session/password)',
  );
}

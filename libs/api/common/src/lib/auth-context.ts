import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { UserRole } from '@chariot/contract';
import type { Request } from 'express';

/** The user a request was authenticated as, attached by the auth guard. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  role: UserRole;
  sessionId: string;
  /** The password is still the seeded default: only @AllowedWithDefaultPassword() routes answer. */
  mustChangePassword?: boolean;
}

export interface AuthenticatedRequest extends Request {
  user?: AuthenticatedUser;
}

export const IS_PUBLIC = 'chariot:public';
/** Marks a route that needs no session (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ALLOWED_WITH_DEFAULT_PASSWORD = 'chariot:allowed-with-default-password';
/**
 * Marks a route a user whose password is still the seeded default may call (their profile, the
 * password change); every other authenticated route answers them 403 PASSWORD_CHANGE_REQUIRED.
 */
export const AllowedWithDefaultPassword = () => SetMetadata(ALLOWED_WITH_DEFAULT_PASSWORD, true);

export const REQUIRED_ROLE = 'chariot:role';
/** Restricts a route to users with this role; others get 403. */
export const RequireRole = (role: UserRole) => SetMetadata(REQUIRED_ROLE, role);

/** Injects the authenticated user of the request into a handler parameter. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});

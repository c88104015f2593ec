import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import type { ApiEnvelope } from '@chariot/contract';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AuthService, isUnauthorized } from './auth.service';

const PROFILE_PATH = '/api/session/profile';

/**
 * A 401 that means "no valid session". Not a 401 INVALID_CREDENTIALS, which is a wrong
 * password in the request itself (e.g. the current password when changing it).
 */
function sessionLost(error: unknown): boolean {
  if (!isUnauthorized(error)) {
    return false;
  }
  const envelope = (error as HttpErrorResponse).error as Partial<ApiEnvelope> | null;
  return envelope?.error?.code !== 'INVALID_CREDENTIALS';
}

/**
 * Any 401 from /api sends the user back to the login screen. The profile probe is exempt:
 * AuthService.ensureSession() handles its 401 itself (it is how a fresh tab learns it is
 * logged out).
 */
export const unauthorizedInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (sessionLost(error) && request.url.includes('/api/') && !request.url.endsWith(PROFILE_PATH)) {
        auth.sessionExpired();
      }
      return throwError(() => error);
    }),
  );
};

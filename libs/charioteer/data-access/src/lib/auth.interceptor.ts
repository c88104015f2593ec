import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AuthService, isUnauthorized } from './auth.service';

const PROFILE_PATH = '/api/session/profile';

/**
 * Any 401 from /api sends the user back to the login screen. The profile probe is exempt:
 * AuthService.ensureSession() handles its 401 itself (it is how a fresh tab learns it is
 * logged out).
 */
export const unauthorizedInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (isUnauthorized(error) && request.url.includes('/api/') && !request.url.endsWith(PROFILE_PATH)) {
        auth.sessionExpired();
      }
      return throwError(() => error);
    }),
  );
};

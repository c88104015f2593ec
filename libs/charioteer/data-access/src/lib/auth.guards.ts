import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { map } from 'rxjs';
import { AuthService, SIGN_IN_PATH } from './auth.service';

/**
 * Lets logged-in users through; others go to the sign-in screen, which brings them back to the
 * address they asked for (a run's or a file's link) once signed in.
 */
export const authGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  const signIn =
    state.url === '/'
      ? router.parseUrl(SIGN_IN_PATH)
      : router.createUrlTree([SIGN_IN_PATH], { queryParams: { returnUrl: state.url } });
  return inject(AuthService)
    .ensureSession()
    .pipe(map((ok) => (ok ? true : signIn)));
};

/** Keeps logged-in users away from the login screen. */
export const guestGuard: CanActivateFn = () => {
  const router = inject(Router);
  return inject(AuthService)
    .ensureSession()
    .pipe(map((ok) => (ok ? router.parseUrl('/') : true)));
};

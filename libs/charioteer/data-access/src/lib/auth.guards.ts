import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { map } from 'rxjs';
import { AuthService, SIGN_IN_PATH } from './auth.service';

/** Lets logged-in users through; others go to the sign-in screen. */
export const authGuard: CanActivateFn = () => {
  const router = inject(Router);
  return inject(AuthService)
    .ensureSession()
    .pipe(map((ok) => (ok ? true : router.parseUrl(SIGN_IN_PATH))));
};

/** Keeps logged-in users away from the login screen. */
export const guestGuard: CanActivateFn = () => {
  const router = inject(Router);
  return inject(AuthService)
    .ensureSession()
    .pipe(map((ok) => (ok ? router.parseUrl('/') : true)));
};

import { Route } from '@angular/router';
import { authGuard, guestGuard, SIGN_IN_PATH } from '@chariot/charioteer-data-access';
import { ideUrlMatcher } from './ide/address/ide-url';

/** The IDE's routes; each screen is its own lazy chunk. */
export const charioteerRoutes: Route[] = [
  {
    path: SIGN_IN_PATH.slice(1),
    title: 'Sign in · Charioteer',
    canActivate: [guestGuard],
    loadComponent: () => import('./login/login-page.component').then((m) => m.LoginPageComponent),
  },
  {
    // `''`, `runs/:run` and `files/:file`: one route, so the page stays while its address changes
    matcher: ideUrlMatcher,
    title: 'Charioteer',
    canActivate: [authGuard],
    loadComponent: () => import('./ide/ide-page.component').then((m) => m.IdePageComponent),
  },
  { path: '**', redirectTo: '' },
];

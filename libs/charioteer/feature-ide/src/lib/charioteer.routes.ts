import { Route } from '@angular/router';
import { authGuard, guestGuard, SIGN_IN_PATH } from '@chariot/charioteer-data-access';

/** The IDE's routes; each screen is its own lazy chunk. */
export const charioteerRoutes: Route[] = [
  {
    path: SIGN_IN_PATH.slice(1),
    title: 'Sign in · Charioteer',
    canActivate: [guestGuard],
    loadComponent: () => import('./login/login-page.component').then((m) => m.LoginPageComponent),
  },
  {
    path: '',
    pathMatch: 'full',
    title: 'Charioteer',
    canActivate: [authGuard],
    loadComponent: () => import('./ide/ide-page.component').then((m) => m.IdePageComponent),
  },
  { path: '**', redirectTo: '' },
];

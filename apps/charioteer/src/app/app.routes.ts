import { Route } from '@angular/router';

export const appRoutes: Route[] = [
  {
    path: '',
    loadChildren: () => import('@chariot/charioteer-feature-ide').then((m) => m.charioteerRoutes),
  },
];

import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { unauthorizedInterceptor } from '@chariot/charioteer-data-access';
import { App } from './app';
import { appRoutes } from './app.routes';

describe('App', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(withInterceptors([unauthorizedInterceptor])),
        provideHttpClientTesting(),
      ],
    });
  });

  it('shows the login form when the profile probe answers 401', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/');
    const http = TestBed.inject(HttpTestingController);
    await new Promise((resolve) => setTimeout(resolve));
    http
      .expectOne('/api/session/profile')
      .flush({ result: 'ERROR', data: null }, { status: 401, statusText: 'Unauthorized' });
    await navigation;
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/sign-in');
    expect(harness.routeNativeElement?.querySelector('[data-testid="login-submit"]')).not.toBeNull();
  });
});

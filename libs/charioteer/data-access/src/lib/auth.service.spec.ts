import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { unauthorizedInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { FunctionsService, FALLBACK_CATALOG } from './functions.service';

const profile = { username: 'admin', role: 'admin', created_at: 't', must_change_password: false };

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;
  let router: Router;
  let navigateByUrl: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([unauthorizedInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    navigateByUrl = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('learns from the profile probe that the cookie is a live session', async () => {
    const ok = firstValueFrom(auth.ensureSession());
    http.expectOne('/api/session/profile').flush({ result: 'OK', data: profile });
    expect(await ok).toBe(true);
    expect(auth.state()).toBe('authenticated');
    expect(auth.profile()?.username).toBe('admin');
    // Asked once: later checks answer from memory.
    expect(await firstValueFrom(auth.ensureSession())).toBe(true);
  });

  it('treats a 401 profile probe as logged out without a redirect loop', async () => {
    const ok = firstValueFrom(auth.ensureSession());
    http
      .expectOne('/api/session/profile')
      .flush({ result: 'ERROR', data: null }, { status: 401, statusText: 'Unauthorized' });
    expect(await ok).toBe(false);
    expect(auth.state()).toBe('anonymous');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('logs in with JSON credentials and then loads the profile', async () => {
    const result = firstValueFrom(auth.login('admin', 'admin'));
    const req = http.expectOne('/login');
    expect(req.request.body).toEqual({ username: 'admin', password: 'admin' });
    req.flush({ result: 'OK', data: { token: 't', username: 'admin', role: 'admin', expires_at: 'x' } });
    http.expectOne('/api/session/profile').flush({ result: 'OK', data: profile });
    expect((await result).username).toBe('admin');
    expect(auth.isAuthenticated()).toBe(true);
  });

  it('rejects a wrong password with the API error', async () => {
    const result = firstValueFrom(auth.login('admin', 'nope'));
    http.expectOne('/login').flush(
      {
        result: 'ERROR',
        data: null,
        error: { code: 'INVALID_CREDENTIALS', message: 'Invalid username or password' },
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await expect(result).rejects.toMatchObject({ body: { message: 'Invalid username or password' } });
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('sends the user to /login when any /api call answers 401', async () => {
    const call = firstValueFrom(TestBed.inject(HttpClient).get('/api/functions'));
    http.expectOne('/api/functions').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toBeTruthy();
    expect(auth.state()).toBe('anonymous');
    expect(navigateByUrl).toHaveBeenCalledWith('/sign-in');
  });

  it('keeps the session when changing the password fails on a wrong current password', async () => {
    const done = firstValueFrom(auth.changePassword('wrong', 'bbbbbbbb'));
    http
      .expectOne('/api/session/password')
      .flush(
        { result: 'ERROR', data: null, error: { code: 'INVALID_CREDENTIALS', message: 'Current password is wrong' } },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(done).rejects.toMatchObject({ body: { message: 'Current password is wrong' } });
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('logs out and returns to the login screen', async () => {
    const done = firstValueFrom(auth.logout());
    http.expectOne('/logout').flush({ result: 'OK', data: null });
    await done;
    expect(auth.isAuthenticated()).toBe(false);
    expect(navigateByUrl).toHaveBeenCalledWith('/sign-in');
  });

  it('changes the password with snake_case fields', async () => {
    const done = firstValueFrom(auth.changePassword('a', 'bbbbbbbb'));
    const req = http.expectOne('/api/session/password');
    expect(req.request.body).toEqual({ current_password: 'a', new_password: 'bbbbbbbb' });
    req.flush({ result: 'OK', data: null });
    await done;
  });
});

describe('FunctionsService', () => {
  it('falls back to the keyword list when /api/functions fails', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const catalog = firstValueFrom(TestBed.inject(FunctionsService).catalog$);
    TestBed.inject(HttpTestingController).expectOne('/api/functions').flush(null, { status: 500, statusText: 'x' });
    expect(await catalog).toEqual(FALLBACK_CATALOG);
  });

  it('passes the catalog through', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const catalog = firstValueFrom(TestBed.inject(FunctionsService).catalog$);
    const data = {
      keywords: ['if'],
      functions: [{ name: 'add', category: 'math', minArgs: 2, maxArgs: null, doc: 'sum' }],
    };
    TestBed.inject(HttpTestingController).expectOne('/api/functions').flush({ result: 'OK', data });
    expect(await catalog).toEqual(data);
  });
});

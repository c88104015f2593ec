import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AllowedWithDefaultPassword, AuthenticatedUser, Public } from '@chariot/api-common';
import { loadConfig } from '@chariot/api-config';
import { AuthGuard } from './auth.guard';
import { SessionsService } from './sessions.service';

class Routes {
  @Public() health(): void {
    /* no session needed */
  }
  files(): void {
    /* any session */
  }
  @AllowedWithDefaultPassword() changePassword(): void {
    /* the way out of the default password */
  }
}

const admin = (mustChangePassword: boolean): AuthenticatedUser => ({
  id: 'a',
  username: 'admin',
  role: 'admin',
  sessionId: 's',
  mustChangePassword,
});

/** The status the guard answers a bearer request for `route` by `user` (200: let through). */
async function status(
  allowDefault: boolean,
  route: keyof Routes,
  user: AuthenticatedUser | undefined,
): Promise<number> {
  const sessions = { authenticate: () => Promise.resolve(user) } as unknown as SessionsService;
  const guard = new AuthGuard(new Reflector(), sessions, loadConfig({ ALLOW_DEFAULT_PASSWORD: String(allowDefault) }));
  const request = { headers: { authorization: 'Bearer t' } };
  const context = {
    // The Reflector looks metadata up on the method object itself, so it must be the unbound one.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    getHandler: () => Routes.prototype[route],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  try {
    return (await guard.canActivate(context)) ? 200 : 403;
  } catch (e) {
    return (e as { getStatus(): number }).getStatus();
  }
}

describe('AuthGuard', () => {
  it('answers 401 without a live session, except on public routes', async () => {
    await expect(status(false, 'files', undefined)).resolves.toBe(401);
    await expect(status(false, 'health', undefined)).resolves.toBe(200);
  });

  it('lets a user with the default password only change it', async () => {
    await expect(status(false, 'files', admin(true))).resolves.toBe(403);
    await expect(status(false, 'changePassword', admin(true))).resolves.toBe(200);
    await expect(status(false, 'files', admin(false))).resolves.toBe(200);
  });

  it('lets the default password do everything with ALLOW_DEFAULT_PASSWORD', async () => {
    await expect(status(true, 'files', admin(true))).resolves.toBe(200);
  });
});

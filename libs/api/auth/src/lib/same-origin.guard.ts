import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiException } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { bearerToken, cookieToken } from './token-extractor';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request that rides on the session cookie but comes from a page of
 * another origin (403 CROSS_ORIGIN_REQUEST). SameSite=Strict keeps the cookie from other sites,
 * not from another port or subdomain of the same site, and a request with no body needs no
 * preflight. Browsers say where a request comes from in `Sec-Fetch-Site` (and `Origin`); a
 * request with neither is not from a browser page. Bearer requests are exempt: no page can make
 * a browser add that header to another origin.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(request.method) || bearerToken(request) || !cookieToken(request)) return true;
    if (this.fromAllowedPage(request)) return true;
    throw new ApiException(
      403,
      'CROSS_ORIGIN_REQUEST',
      'A request with the session cookie must come from a page of this server',
    );
  }

  private fromAllowedPage(request: Request): boolean {
    const site = request.headers['sec-fetch-site'];
    // `none`: the user's own action (address bar, bookmark), not a page.
    if (site === 'same-origin' || site === 'none') return true;
    const origin = request.headers.origin;
    if (origin === undefined) return site === undefined;
    if (this.config.allowedOrigins.includes(origin)) return true;
    // Browsers without Sec-Fetch-Site still send Origin; compare it with the host the request was sent to.
    return site === undefined && hostOf(origin) === request.host;
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

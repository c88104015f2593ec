import { SESSION_COOKIE } from '@chariot/contract';
import type { Request } from 'express';

/** The token of an `Authorization: Bearer` header, if any. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice('Bearer '.length).trim() || undefined;
}

/** The token of the `chariot_token` cookie, if any: the one a browser sends on its own. */
export function cookieToken(request: Request): string | undefined {
  // cookie-parser types `cookies` as any: read it as what it may really hold.
  const cookies = (request as { cookies?: Record<string, unknown> }).cookies;
  const cookie = cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie ? cookie : undefined;
}

/** The session token of a request: `Authorization: Bearer` first, then the `chariot_token` cookie. */
export function extractToken(request: Request): string | undefined {
  return bearerToken(request) ?? cookieToken(request);
}

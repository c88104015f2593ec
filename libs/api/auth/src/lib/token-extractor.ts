import { SESSION_COOKIE } from '@chariot/contract';
import type { Request } from 'express';

/** The session token of a request: `Authorization: Bearer` first, then the `chariot_token` cookie. */
export function extractToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    if (token) return token;
  }
  const cookies = (request as Request & { cookies?: Record<string, unknown> }).cookies;
  const cookie = cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie ? cookie : undefined;
}

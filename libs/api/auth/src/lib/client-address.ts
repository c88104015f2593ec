import { normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';

/**
 * Who a request comes from, for the per-address limits: `request.ip` (the socket's address, or
 * what a trusted proxy says: TRUST_PROXY), with an IPv4-mapped IPv6 address as plain IPv4 and
 * an IPv6 address reduced to its /64, the block one subscriber usually holds.
 */
export function clientAddress(request: Pick<Request, 'ip'>): string {
  return normalizeIp(request.ip ?? '') || 'unknown';
}

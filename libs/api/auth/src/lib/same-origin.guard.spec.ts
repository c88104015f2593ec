import { ExecutionContext } from '@nestjs/common';
import { loadConfig } from '@chariot/api-config';
import { SameOriginGuard } from './same-origin.guard';

interface FakeRequest {
  method: string;
  host: string;
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

function request(method: string, headers: Record<string, string> = {}, cookie = true): FakeRequest {
  return { method, host: 'chariot.test:8087', headers, cookies: cookie ? { chariot_token: 't' } : {} };
}

function allows(guard: SameOriginGuard, req: FakeRequest): boolean {
  const context = { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
  try {
    return guard.canActivate(context);
  } catch {
    return false;
  }
}

describe('SameOriginGuard', () => {
  const guard = new SameOriginGuard(loadConfig({ ALLOWED_ORIGINS: 'https://ide.example.com/' }));

  it('refuses a cookie POST or DELETE sent by a page of another origin', () => {
    expect(allows(guard, request('POST', { 'sec-fetch-site': 'same-site', origin: 'http://chariot.test:3000' }))).toBe(
      false,
    );
    expect(allows(guard, request('DELETE', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }))).toBe(
      false,
    );
    expect(allows(guard, request('POST', { origin: 'http://chariot.test:3000' }))).toBe(false);
    expect(allows(guard, request('POST', { origin: 'null' }))).toBe(false);
  });

  it("allows the server's own pages, by Sec-Fetch-Site or, without it, by Origin", () => {
    expect(
      allows(guard, request('POST', { 'sec-fetch-site': 'same-origin', origin: 'http://chariot.test:8087' })),
    ).toBe(true);
    expect(allows(guard, request('POST', { origin: 'http://chariot.test:8087' }))).toBe(true);
    expect(allows(guard, request('POST', { 'sec-fetch-site': 'none' }))).toBe(true);
  });

  it('allows the configured origins', () => {
    expect(allows(guard, request('PUT', { 'sec-fetch-site': 'cross-site', origin: 'https://ide.example.com' }))).toBe(
      true,
    );
  });

  it('lets through what no page can forge: reads, bearer requests, no cookie, no browser', () => {
    const evil = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
    expect(allows(guard, request('GET', evil))).toBe(true);
    expect(allows(guard, request('POST', { ...evil, authorization: 'Bearer abc' }))).toBe(true);
    expect(allows(guard, request('POST', evil, false))).toBe(true);
    expect(allows(guard, request('POST'))).toBe(true);
  });
});

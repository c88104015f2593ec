import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response, for the IDE (Angular, CodeMirror) and Swagger
 * UI: scripts only from this origin, no inline script, one known inline handler, no plugins,
 * no framing.
 * Inline styles stay allowed: Angular puts component styles in <style> elements, CodeMirror
 * injects its themes, and Swagger UI's page has a <style> block and style attributes. Images
 * may be data: URLs (Swagger UI's icons).
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  // The one inline handler the IDE's index.html has: Angular's critical-CSS inlining loads the
  // full stylesheet with <link media="print" onload="this.media='all'">. Its hash, and no other.
  'script-src-attr': ["'unsafe-hashes'", "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/**
 * helmet with the policy above: also X-Content-Type-Options nosniff, X-Frame-Options DENY,
 * Referrer-Policy no-referrer, Cross-Origin-Opener/Resource-Policy same-origin, and no
 * X-Powered-By. Strict-Transport-Security is left to the proxy that terminates TLS (the server
 * speaks plain HTTP, and the header would bind every subdomain of a name it does not own), and
 * so is upgrade-insecure-requests (it would break the IDE served over plain HTTP on a LAN).
 */
export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  });
}

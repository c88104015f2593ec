import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * What the request pipeline adds to every request that reaches a route, each read by its writer
 * as "not set yet" when undefined: Express (res), its router (next, baseUrl, originalUrl, params, route),
 * parseurl (_parsedUrl), cookie-parser (secret, cookies, signedCookies), body-parser (body) and
 * the auth guard (user).
 */
const REQUEST_KEYS = [
  'res',
  'next',
  'baseUrl',
  'originalUrl',
  '_parsedUrl',
  'params',
  'secret',
  'cookies',
  'signedCookies',
  'body',
  'route',
  'user',
] as const;

/** The router's own mark of the route a request matched (a symbol it does not export). */
const MATCHED_ROUTE = 'router.tracing.matchedRoute';

/**
 * Gives every request and response the properties the pipeline will add, before Express sees
 * them. Express moves both onto its own prototypes first thing; V8 then gives each object that
 * gains a property afterwards a hidden class of its own, with its own copy of the ~50 property
 * descriptors, so every request and response held by an open log stream carried two private
 * classes (about 3 KB). With the properties already there the pipeline only sets them, and all
 * requests share one class, as do all responses.
 */
export function presetRequestShapes(server: Server): void {
  let matchedRoute: symbol | undefined;
  // The router's symbol is learnt from a request it routed: the one before, until found.
  let previous: WeakRef<IncomingMessage> | undefined;
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!matchedRoute) {
      matchedRoute = routerMark(previous?.deref());
      previous = matchedRoute ? undefined : new WeakRef(request);
    }
    const fields = request as unknown as Record<PropertyKey, unknown>;
    for (const key of REQUEST_KEYS) fields[key] = undefined;
    if (matchedRoute) fields[matchedRoute] = undefined;
    // Express gives a response `locals` when it has none; the status and its message become own
    // properties when set (the message by writeHead, when it is still undefined).
    (response as ServerResponse & { locals?: unknown }).locals = undefined;
    response.statusCode = 200;
    response.statusMessage = undefined as unknown as string;
  });
}

function routerMark(request: IncomingMessage | undefined): symbol | undefined {
  if (!request) return undefined;
  return Object.getOwnPropertySymbols(request).find((key) => key.description === MATCHED_ROUTE);
}

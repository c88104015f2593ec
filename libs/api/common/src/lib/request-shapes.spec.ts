import cookieParser from 'cookie-parser';
import express, { json } from 'express';
import { createServer, get, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { presetRequestShapes } from './request-shapes';

interface Seen {
  /** Own keys when the server's first listeners have run, before Express. */
  before: { request: PropertyKey[]; response: PropertyKey[] };
  /** Own keys in the route handler, after the whole pipeline, the user and the head. */
  after: { request: PropertyKey[]; response: PropertyKey[] };
}

/** A server with the pipeline of main.ts that records, for each request, its own keys before and after. */
async function serve(preset: boolean): Promise<{ server: Server; seen: Seen[]; fetch: () => Promise<number> }> {
  const seen: Seen[] = [];
  const app = express();
  app.use(cookieParser());
  app.use(json());
  app.get('/api/logs/:id', (request, response) => {
    (request as unknown as { user: object }).user = { id: 'u1' };
    response.status(200).writeHead(200, { 'Content-Type': 'text/plain' });
    seen[seen.length - 1].after = { request: Reflect.ownKeys(request), response: Reflect.ownKeys(response) };
    response.end('ok');
  });
  const server = createServer();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    seen.push({ before: { request: Reflect.ownKeys(request), response: Reflect.ownKeys(response) } } as Seen);
  });
  server.on('request', app);
  if (preset) presetRequestShapes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fetch = () =>
    new Promise<number>((resolve, reject) => {
      get({ port, host: '127.0.0.1', path: '/api/logs/abc?level=INFO', headers: { cookie: 'a=b' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
  return { server, seen, fetch };
}

const added = (from: PropertyKey[], to: PropertyKey[]) => to.filter((key) => !from.includes(key)).map(String);

describe('presetRequestShapes', () => {
  it('gives requests and responses every property the pipeline adds, before Express sees them', async () => {
    const { server, seen, fetch } = await serve(true);
    try {
      for (let n = 0; n < 3; n++) expect(await fetch()).toBe(200);
      // the first request teaches the router's symbol; from the second on nothing is added
      const { before, after } = seen[2];
      expect(added(before.request, after.request)).toEqual([]);
      expect(added(before.response, after.response)).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('is needed: without it the pipeline adds properties to each request and response', async () => {
    const { server, seen, fetch } = await serve(false);
    try {
      for (let n = 0; n < 3; n++) await fetch();
      const { before, after } = seen[2];
      expect(added(before.request, after.request)).toEqual(
        expect.arrayContaining(['next', 'cookies', 'params', 'user', 'Symbol(router.tracing.matchedRoute)']),
      );
      expect(added(before.response, after.response)).toEqual(
        expect.arrayContaining(['locals', 'statusCode', 'statusMessage']),
      );
    } finally {
      server.close();
    }
  });
});

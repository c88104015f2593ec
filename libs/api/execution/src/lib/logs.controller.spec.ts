import { MAX_QUERY_INT } from './dto/query-int';
import type { Request, Response } from 'express';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { releaseRequestState, resumePoint } from './logs.controller';

describe('resumePoint', () => {
  it('takes ?after= over Last-Event-ID', () => {
    expect(resumePoint(7, '40')).toBe(7);
    expect(resumePoint(0, '40')).toBe(0);
  });

  it('reads Last-Event-ID when there is no ?after=', () => {
    expect(resumePoint(undefined, '40')).toBe(40);
  });

  it('starts from the beginning on a missing, unparsable or negative Last-Event-ID', () => {
    for (const header of [undefined, '', 'abc', '-5', '0']) expect(resumePoint(undefined, header)).toBe(0);
  });

  it('clamps a Last-Event-ID past any sequence number to one storage can compare', () => {
    expect(resumePoint(undefined, '99999999999999999999999')).toBe(MAX_QUERY_INT);
    expect(resumePoint(undefined, String(MAX_QUERY_INT + 1))).toBe(MAX_QUERY_INT);
  });
});

describe('releaseRequestState', () => {
  /** A real response whose head is written by `open`; resolves with what the client received. */
  async function respond(
    open: (request: Request, response: Response) => void,
  ): Promise<{ head: string; body: string }> {
    const server = createServer((request, response) =>
      open(request as unknown as Request, response as unknown as Response),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return await new Promise((resolve, reject) => {
        get({ port, host: '127.0.0.1', path: '/' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ head: JSON.stringify(res.headers), body }));
        }).on('error', reject);
      });
    } finally {
      server.close();
    }
  }

  it('drops the header map and text once sent; the stream goes on and the client got every header', async () => {
    let after: { sent: boolean; headers: object } | undefined;
    const { head, body } = await respond((request, response) => {
      response.setHeader('Content-Security-Policy', "default-src 'self'");
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write('first\n\n');
      releaseRequestState(request, response);
      after = { sent: response.headersSent, headers: response.getHeaders() };
      response.write('second\n\n');
      response.end('done\n\n');
    });
    expect(after).toEqual({ sent: true, headers: {} });
    expect(head).toContain("default-src 'self'");
    expect(head).toContain('text/event-stream');
    expect(body).toBe('first\n\nsecond\n\ndone\n\n');
  });

  it('keeps the head of a response that has not gone out yet', async () => {
    const { head, body } = await respond((request, response) => {
      response.setHeader('Content-Security-Policy', "default-src 'self'");
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      releaseRequestState(request, response);
      response.end('late\n\n');
    });
    expect(head).toContain("default-src 'self'");
    expect(body).toBe('late\n\n');
  });
});

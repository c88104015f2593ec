import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { EnvelopeExceptionFilter } from './envelope-exception.filter';
import { ApiException, tooManyRequests } from './api-exception';

function fakeHost() {
  const reply: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    headers: {} as Record<string, string>,
    setHeader(name: string, value: string) {
      this.headers[name] = value;
    },
    status(code: number) {
      reply.status = code;
      return this;
    },
    json(body: unknown) {
      reply.body = body;
      return this;
    },
    end: jest.fn(),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { host, reply, response };
}

describe('EnvelopeExceptionFilter', () => {
  const filter = new EnvelopeExceptionFilter();

  it('lists validation messages as details with code VALIDATION_FAILED', () => {
    const { host, reply } = fakeHost();
    filter.catch(new BadRequestException(['program must be a string', 'program should not be empty']), host);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      result: 'ERROR',
      data: null,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'program must be a string; program should not be empty',
        details: ['program must be a string', 'program should not be empty'],
      },
    });
  });

  it('keeps an ApiException body as it is', () => {
    const { host, reply } = fakeHost();
    filter.catch(new ApiException(409, 'USER_EXISTS', 'taken'), host);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error: { code: 'USER_EXISTS', message: 'taken' } });
  });

  it('sends the headers of an ApiException, as Retry-After of a 429', () => {
    const { host, reply, response } = fakeHost();
    filter.catch(tooManyRequests('TOO_MANY_LOGIN_ATTEMPTS', 'wait', 2.2), host);
    expect(reply.status).toBe(429);
    expect(response.headers).toEqual({ 'Retry-After': '3' });
    expect(reply.body).toMatchObject({ result: 'ERROR', error: { code: 'TOO_MANY_LOGIN_ATTEMPTS', message: 'wait' } });
  });

  it('maps body-parser JSON errors to 400 INVALID_JSON', () => {
    const { host, reply } = fakeHost();
    filter.catch(
      Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' }),
      host,
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'INVALID_JSON' } });
  });

  it('maps oversize bodies to 413', () => {
    const { host, reply } = fakeHost();
    filter.catch(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }), host);
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('hides the message of unexpected errors behind a 500', () => {
    const { host, reply } = fakeHost();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    filter.catch(new Error('secret internals'), host);
    expect(reply.status).toBe(500);
    expect(JSON.stringify(reply.body)).not.toContain('secret');
  });

  it('uses NOT_FOUND for a plain 404', () => {
    const { host, reply } = fakeHost();
    filter.catch(new NotFoundException('Cannot GET /x'), host);
    expect(reply.body).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Cannot GET /x' } });
  });
});

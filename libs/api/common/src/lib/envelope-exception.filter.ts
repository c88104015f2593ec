import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiEnvelope, ApiErrorBody } from '@chariot/contract';
import type { Response } from 'express';
import { ApiException } from './api-exception';
import { failure } from './envelope';

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

function isEnvelope(body: unknown): body is ApiEnvelope {
  return typeof body === 'object' && body !== null && 'result' in body && 'error' in body;
}

/** Errors thrown by body-parser (bad JSON, too large) carry a status and a type. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
}

/**
 * Turns every error into the documented envelope `{result:"ERROR",data:null,error:{code,message}}`
 * so that clients never see Nest's default shape or an HTML page, and a bug answers 500
 * without ever taking the process down.
 */
@Catch()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      // An SSE stream already streaming cannot change its status; end it cleanly.
      response.end();
      return;
    }
    const [status, body] = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (exception instanceof ApiException)
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    response.status(status).json(body);
  }

  private describe(exception: unknown): [number, ApiEnvelope<null>] {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (isEnvelope(body)) return [status, body as ApiEnvelope<null>];
      const error: ApiErrorBody = { code: CODES[status] ?? `HTTP_${status}`, message: exception.message };
      if (typeof body === 'object' && body !== null) {
        const message = (body as { message?: unknown }).message;
        if (Array.isArray(message)) {
          error.code = 'VALIDATION_FAILED';
          error.message = message.join('; ');
          error.details = message.map(String);
        } else if (typeof message === 'string') {
          error.message = message;
        }
      }
      return [status, failure(error)];
    }
    const parserError = exception as BodyParserError;
    const status = parserError?.status ?? parserError?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code =
        parserError.type === 'entity.parse.failed'
          ? 'INVALID_JSON'
          : parserError.type === 'entity.too.large'
            ? 'PAYLOAD_TOO_LARGE'
            : (CODES[status] ?? `HTTP_${status}`);
      const message =
        code === 'INVALID_JSON' ? 'Request body is not valid JSON' : (parserError.message ?? 'Bad request');
      return [status, failure({ code, message })];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, failure({ code: 'INTERNAL_ERROR', message: 'Internal server error' })];
  }
}

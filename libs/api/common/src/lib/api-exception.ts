import { HttpException } from '@nestjs/common';
import { ApiErrorBody } from '@chariot/contract';
import { failure } from './envelope';

/** An HTTP error whose body is already the API envelope, with a stable code. */
export class ApiException extends HttpException {
  /** Response headers the exception filter sends with the envelope (e.g. Retry-After). */
  readonly headers: Record<string, string> = {};

  constructor(status: number, code: string, message: string, extra: Partial<ApiErrorBody> = {}) {
    super(failure({ code, message, ...extra }), status);
    this.message = message;
  }
}

export const notFound = (what: string) => new ApiException(404, 'NOT_FOUND', `${what} not found`);

/** 429 with `Retry-After` (whole seconds, at least 1) and the envelope. */
export function tooManyRequests(code: string, message: string, retryAfterSeconds: number): ApiException {
  const exception = new ApiException(429, code, message);
  exception.headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return exception;
}

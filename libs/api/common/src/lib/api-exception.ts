import { HttpException } from '@nestjs/common';
import { ApiErrorBody } from '@chariot/contract';
import { failure } from './envelope';

/** An HTTP error whose body is already the API envelope, with a stable code. */
export class ApiException extends HttpException {
  constructor(status: number, code: string, message: string, extra: Partial<ApiErrorBody> = {}) {
    super(failure({ code, message, ...extra }), status);
    this.message = message;
  }
}

export const notFound = (what: string) => new ApiException(404, 'NOT_FOUND', `${what} not found`);

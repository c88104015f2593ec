import type { NextFunction, Request, Response } from 'express';
import { failure } from './envelope';

interface BodyParserError extends Error {
  status?: number;
  type?: string;
}

/**
 * Express error middleware placed right after the JSON body parser: a malformed, too deeply
 * nested or oversize body gets the documented envelope (INVALID_JSON 400, JSON_TOO_DEEP 400,
 * PAYLOAD_TOO_LARGE 413) instead of travelling on as a generic 400 with the parser's message.
 */
export function bodyParserErrors(
  error: BodyParserError,
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (error?.type === 'entity.parse.failed') {
    response
      .status(400)
      .json(failure({ code: 'INVALID_JSON', message: `Request body is not valid JSON: ${error.message}` }));
  } else if (error?.type === 'entity.too.deep') {
    response.status(400).json(failure({ code: 'JSON_TOO_DEEP', message: error.message }));
  } else if (error?.type === 'entity.too.large') {
    response.status(413).json(failure({ code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' }));
  } else if (error?.status && error.status >= 400 && error.status < 500) {
    response.status(error.status).json(failure({ code: 'BAD_REQUEST', message: error.message }));
  } else {
    next(error);
  }
}

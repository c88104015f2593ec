import { HttpErrorResponse } from '@angular/common/http';
import { InjectionToken } from '@angular/core';
import type { ApiEnvelope, ApiErrorBody } from '@chariot/contract';

/** Prefix for every API URL; '' means same origin (the API serves the IDE). */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '',
});

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}

/** The error body of a failed call: the envelope's `error` when the API sent one. */
export function toApiErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof HttpErrorResponse) {
    const envelope = error.error as Partial<ApiEnvelope> | null;
    if (envelope && isErrorBody(envelope.error)) {
      return envelope.error;
    }
    if (error.status === 0) {
      return { code: 'NETWORK_ERROR', message: 'The server could not be reached' };
    }
    return { code: `HTTP_${error.status}`, message: error.statusText || error.message };
  }
  if (isErrorBody(error)) {
    return error;
  }
  return { code: 'CLIENT_ERROR', message: error instanceof Error ? error.message : String(error) };
}

/** Thrown by services when the API answered with an ERROR envelope or an HTTP error. */
export class ApiError extends Error {
  constructor(
    readonly body: ApiErrorBody,
    readonly status?: number,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }

  static from(error: unknown): ApiError {
    if (error instanceof ApiError) {
      return error;
    }
    return new ApiError(toApiErrorBody(error), error instanceof HttpErrorResponse ? error.status : undefined);
  }
}

/** Unwraps an OK envelope's data or throws its error. */
export function unwrap<T>(envelope: ApiEnvelope<T>): T {
  if (envelope.result === 'ERROR') {
    throw new ApiError(envelope.error ?? { code: 'UNKNOWN', message: 'The request failed' });
  }
  return envelope.data as T;
}

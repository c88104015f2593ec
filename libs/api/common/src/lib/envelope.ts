import { ApiEnvelope, ApiErrorBody } from '@chariot/contract';

export function ok<T>(data: T): ApiEnvelope<T> {
  return { result: 'OK', data };
}

export function pending<T>(data: T): ApiEnvelope<T> {
  return { result: 'PENDING', data };
}

export function failure(error: ApiErrorBody): ApiEnvelope<null> {
  return { result: 'ERROR', data: null, error };
}

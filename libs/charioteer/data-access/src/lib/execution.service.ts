import { HttpClient, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ApiEnvelope,
  ApiErrorBody,
  DebugAction,
  DebugChanges,
  DebugOptions,
  DebugRequest,
  ExecutionPending,
  ExecutionStarted,
  ExecutionStatus,
} from '@chariot/contract';
import { catchError, map, Observable, of, throwError } from 'rxjs';
import { API_BASE_URL, ApiError, toApiErrorBody, unwrap } from './api';
import { isUnauthorized } from './auth.service';

/**
 * How a finished run ended: the script's value or its (or the request's) error, and for a
 * synchronous run the id the server stored it under (from `X-Execution-Id`), when known.
 */
export type ExecutionOutcome = ({ ok: true; value: unknown } | { ok: false; error: ApiErrorBody }) & {
  executionId?: string;
};

/** Response header naming the execution a synchronous POST /api/execute was stored as. */
export const EXECUTION_ID_HEADER = 'X-Execution-Id';

export type ResultPoll = { state: 'pending'; pending: ExecutionPending } | { state: 'done'; outcome: ExecutionOutcome };

function toOutcome(envelope: ApiEnvelope<unknown>): ExecutionOutcome {
  if (envelope.result === 'ERROR') {
    return { ok: false, error: envelope.error ?? { code: 'UNKNOWN', message: 'The script failed' } };
  }
  return { ok: true, value: envelope.data };
}

/**
 * Script errors and rejected requests come back as an outcome, not as an Observable error:
 * the output panel shows both the same way. A 401 still errors (and the interceptor has
 * already sent the user to the login screen).
 */
function outcomeOnError(error: unknown): Observable<ExecutionOutcome> {
  if (isUnauthorized(error)) {
    return throwError(() => ApiError.from(error));
  }
  return of({ ok: false as const, error: toApiErrorBody(error) });
}

@Injectable({ providedIn: 'root' })
export class ExecutionService {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  /** POST /api/execute: runs the program and waits for its value. */
  execute(program: string): Observable<ExecutionOutcome> {
    return this.http.post<ApiEnvelope<unknown>>(`${this.base}/api/execute`, { program }, { observe: 'response' }).pipe(
      map((response): ExecutionOutcome => {
        const outcome = toOutcome(response.body ?? { result: 'ERROR', data: null });
        const executionId = response.headers.get(EXECUTION_ID_HEADER);
        return executionId ? { ...outcome, executionId } : outcome;
      }),
      catchError(outcomeOnError),
    );
  }

  /**
   * POST /api/execute-async: starts the program (under the debugger with `debug`, recorded as
   * coming from the saved `file`); emits its execution id.
   */
  start(program: string, debug?: DebugOptions, file?: string): Observable<string> {
    const body = { program, ...(debug ? { debug } : {}), ...(file ? { file } : {}) };
    return this.http.post<ApiEnvelope<ExecutionStarted>>(`${this.base}/api/execute-async`, body).pipe(
      map((envelope) => unwrap(envelope).execution_id),
      catchError((error: unknown) => throwError(() => ApiError.from(error))),
    );
  }

  /** GET /api/result/:id: 202 PENDING while it runs, then its outcome. */
  result(executionId: string): Observable<ResultPoll> {
    return this.http
      .get<ApiEnvelope<unknown>>(`${this.base}/api/result/${encodeURIComponent(executionId)}`, {
        observe: 'response',
      })
      .pipe(
        map((response: HttpResponse<ApiEnvelope<unknown>>): ResultPoll => {
          const envelope = response.body ?? { result: 'ERROR', data: null };
          if (response.status === 202 || envelope.result === 'PENDING') {
            return { state: 'pending', pending: envelope.data as ExecutionPending };
          }
          return { state: 'done', outcome: toOutcome(envelope) };
        }),
        catchError((error: unknown) =>
          outcomeOnError(error).pipe(map((outcome): ResultPoll => ({ state: 'done', outcome }))),
        ),
      );
  }

  /**
   * POST /api/executions/:id/debug: tells a paused run what to do next, with the breakpoints it
   * stops at and the watches it evaluates from then on (409 NOT_PAUSED when it is not paused).
   */
  debug(executionId: string, action: DebugAction, changes: DebugChanges = {}): Observable<void> {
    const body: DebugRequest = { action, ...changes };
    return this.http
      .post<ApiEnvelope<unknown>>(`${this.base}/api/executions/${encodeURIComponent(executionId)}/debug`, body)
      .pipe(
        map((envelope) => void unwrap(envelope)),
        catchError((error: unknown) => throwError(() => ApiError.from(error))),
      );
  }

  /** POST /api/executions/:id/cancel: emits the status the API reports. */
  cancel(executionId: string): Observable<ExecutionStatus> {
    return this.http
      .post<
        ApiEnvelope<{ execution_id: string; status: ExecutionStatus }>
      >(`${this.base}/api/executions/${encodeURIComponent(executionId)}/cancel`, {})
      .pipe(
        map((envelope) => unwrap(envelope).status),
        catchError((error: unknown) => throwError(() => ApiError.from(error))),
      );
  }
}

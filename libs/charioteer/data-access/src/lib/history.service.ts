import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ApiEnvelope, ExecutionDetail, ExecutionPage, LogEntry, LogLevel, LogPage } from '@chariot/contract';
import { catchError, EMPTY, expand, map, Observable, throwError } from 'rxjs';
import { API_BASE_URL, ApiError, unwrap } from './api';

const rethrow = (error: unknown) => throwError(() => ApiError.from(error));

/** Largest page GET /api/executions/:id/logs serves. */
export const LOG_PAGE_LIMIT = 10_000;

export interface LogPageQuery {
  after?: number;
  limit?: number;
  levels?: readonly LogLevel[];
  q?: string;
}

/** Past executions: GET /api/executions[/:id[/logs]], DELETE /api/executions/:id. */
@Injectable({ providedIn: 'root' })
export class HistoryService {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  private url(id?: string): string {
    return `${this.base}/api/executions${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
  }

  /** Newest first. */
  list(limit = 50, offset = 0): Observable<ExecutionPage> {
    const params = new HttpParams().set('limit', limit).set('offset', offset);
    return this.http.get<ApiEnvelope<ExecutionPage>>(this.url(), { params }).pipe(map(unwrap), catchError(rethrow));
  }

  /** The execution's metadata, outcome and (once it has ended) the variables it left. */
  get(id: string): Observable<ExecutionDetail> {
    return this.http.get<ApiEnvelope<ExecutionDetail>>(this.url(id)).pipe(map(unwrap), catchError(rethrow));
  }

  logPage(id: string, query: LogPageQuery = {}): Observable<LogPage> {
    let params = new HttpParams().set('after', query.after ?? 0).set('limit', query.limit ?? LOG_PAGE_LIMIT);
    if (query.levels?.length) params = params.set('level', query.levels.join(','));
    if (query.q) params = params.set('q', query.q);
    return this.http
      .get<ApiEnvelope<LogPage>>(`${this.url(id)}/logs`, { params })
      .pipe(map(unwrap), catchError(rethrow));
  }

  /** Every stored entry after `after`, one emission per page (so the caller can show them as they come). */
  logs(id: string, after = 0): Observable<LogEntry[]> {
    return this.logPage(id, { after }).pipe(
      expand((page) => (page.has_more ? this.logPage(id, { after: page.next_after }) : EMPTY)),
      map((page) => page.entries),
    );
  }

  /** The stored log as a text attachment (same-origin link: the session cookie goes along). */
  downloadUrl(id: string): string {
    return `${this.url(id)}/logs.txt`;
  }

  /** 409 EXECUTION_RUNNING while it runs. */
  delete(id: string): Observable<void> {
    return this.http.delete<ApiEnvelope<unknown>>(this.url(id)).pipe(
      map((envelope) => void unwrap(envelope)),
      catchError(rethrow),
    );
  }
}

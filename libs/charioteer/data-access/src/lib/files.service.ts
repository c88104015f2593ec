import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ApiEnvelope, FileDetail, FileSummary } from '@chariot/contract';
import { catchError, map, Observable, throwError } from 'rxjs';
import { API_BASE_URL, ApiError, unwrap } from './api';

const rethrow = (error: unknown) => throwError(() => ApiError.from(error));

/** The user's saved scripts: GET/PUT/DELETE /api/files/:name, POST …/rename. */
@Injectable({ providedIn: 'root' })
export class FilesService {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  private url(name?: string): string {
    return `${this.base}/api/files${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
  }

  /** Sorted by name; a new user gets the example scripts on the first call. */
  list(): Observable<FileSummary[]> {
    return this.http.get<ApiEnvelope<FileSummary[]>>(this.url()).pipe(map(unwrap), catchError(rethrow));
  }

  get(name: string): Observable<FileDetail> {
    return this.http.get<ApiEnvelope<FileDetail>>(this.url(name)).pipe(map(unwrap), catchError(rethrow));
  }

  /** Creates (201) or overwrites (200) the file. */
  save(name: string, content: string): Observable<FileSummary> {
    return this.http.put<ApiEnvelope<FileSummary>>(this.url(name), { content }).pipe(map(unwrap), catchError(rethrow));
  }

  /** 409 FILE_EXISTS when the new name is taken. */
  rename(name: string, newName: string): Observable<FileSummary> {
    return this.http
      .post<ApiEnvelope<FileSummary>>(`${this.url(name)}/rename`, { new_name: newName })
      .pipe(map(unwrap), catchError(rethrow));
  }

  delete(name: string): Observable<void> {
    return this.http.delete<ApiEnvelope<unknown>>(this.url(name)).pipe(
      map((envelope) => void unwrap(envelope)),
      catchError(rethrow),
    );
  }
}

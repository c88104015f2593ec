import { HttpClient, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  FILE_VERSION_HEADER,
  type ApiEnvelope,
  type FileDetail,
  type FileSummary,
  type Versioned,
} from '@chariot/contract';
import { catchError, map, Observable, throwError } from 'rxjs';
import { API_BASE_URL, ApiError, unwrap } from './api';

const rethrow = (error: unknown) => throwError(() => ApiError.from(error));

function versioned<T>(response: HttpResponse<ApiEnvelope<T>>): Versioned<T> {
  const version = Number(response.headers.get(FILE_VERSION_HEADER));
  return {
    file: unwrap(response.body ?? { result: 'ERROR', data: null }),
    version: Number.isInteger(version) && version > 0 ? version : null,
  };
}

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

  /** The file and the version of its content (`X-File-Version`). */
  get(name: string): Observable<Versioned<FileDetail>> {
    return this.http
      .get<ApiEnvelope<FileDetail>>(this.url(name), { observe: 'response' })
      .pipe(map(versioned), catchError(rethrow));
  }

  /**
   * Creates (201) or overwrites (200) the file; with `version` only that version (409
   * FILE_CHANGED when it was saved elsewhere or deleted since). Emits the version saved.
   */
  save(name: string, content: string, version?: number): Observable<Versioned<FileSummary>> {
    const body = version === undefined ? { content } : { content, version };
    return this.http
      .put<ApiEnvelope<FileSummary>>(this.url(name), body, { observe: 'response' })
      .pipe(map(versioned), catchError(rethrow));
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

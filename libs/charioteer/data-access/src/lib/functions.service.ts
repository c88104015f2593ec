import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ApiEnvelope, FunctionCatalog } from '@chariot/contract';
import { FALLBACK_KEYWORDS } from '@chariot/charioteer-util';
import { catchError, map, Observable, of, shareReplay } from 'rxjs';
import { API_BASE_URL, unwrap } from './api';

/** Used when GET /api/functions fails: keywords still highlight, builtins do not complete. */
export const FALLBACK_CATALOG: FunctionCatalog = { keywords: [...FALLBACK_KEYWORDS], functions: [] };

@Injectable({ providedIn: 'root' })
export class FunctionsService {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  /** GET /api/functions, fetched once; falls back to the keyword list on any failure. */
  readonly catalog$: Observable<FunctionCatalog> = this.http
    .get<ApiEnvelope<FunctionCatalog>>(`${this.base}/api/functions`)
    .pipe(
      map(unwrap),
      map((catalog) => ({
        keywords: catalog.keywords?.length ? catalog.keywords : FALLBACK_CATALOG.keywords,
        functions: catalog.functions ?? [],
      })),
      catchError(() => of(FALLBACK_CATALOG)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
}

import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { ApiEnvelope, LoginResponse, UserProfile } from '@chariot/contract';
import { catchError, map, Observable, of, shareReplay, switchMap, tap, throwError } from 'rxjs';
import { API_BASE_URL, ApiError, unwrap } from './api';

/**
 * The login screen's route. Not `/login`: that path is the API's POST endpoint, so a reload of
 * a `/login` page would reach the API instead of the IDE.
 */
export const SIGN_IN_PATH = '/sign-in';

export type SessionState = 'unknown' | 'anonymous' | 'authenticated';

/**
 * The login session. The token lives only in the httpOnly `chariot_token` cookie the API
 * sets: nothing secret is kept in the browser's storage.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly base = inject(API_BASE_URL);

  private readonly profileState = signal<UserProfile | null>(null);
  private readonly sessionState = signal<SessionState>('unknown');
  private pendingCheck: Observable<boolean> | null = null;

  readonly profile = this.profileState.asReadonly();
  readonly state = this.sessionState.asReadonly();
  readonly isAuthenticated = computed(() => this.sessionState() === 'authenticated');

  /** Asks the API once whether the cookie is a live session; true when logged in. */
  ensureSession(): Observable<boolean> {
    const state = this.sessionState();
    if (state !== 'unknown') {
      return of(state === 'authenticated');
    }
    this.pendingCheck ??= this.fetchProfile().pipe(
      map(() => true),
      catchError(() => {
        this.setAnonymous();
        return of(false);
      }),
      tap(() => (this.pendingCheck = null)),
      shareReplay(1),
    );
    return this.pendingCheck;
  }

  login(username: string, password: string): Observable<UserProfile> {
    return this.http.post<ApiEnvelope<LoginResponse>>(`${this.base}/login`, { username, password }).pipe(
      map(unwrap),
      switchMap(() => this.fetchProfile()),
      catchError((error: unknown) => throwError(() => ApiError.from(error))),
    );
  }

  logout(): Observable<void> {
    return this.http.post<unknown>(`${this.base}/logout`, {}).pipe(
      catchError(() => of(null)),
      map(() => {
        this.sessionExpired();
      }),
    );
  }

  changePassword(currentPassword: string, newPassword: string): Observable<void> {
    return this.http
      .post<ApiEnvelope<unknown>>(`${this.base}/api/session/password`, {
        current_password: currentPassword,
        new_password: newPassword,
      })
      .pipe(
        map((envelope) => {
          unwrap(envelope);
          const profile = this.profileState();
          if (profile) {
            this.profileState.set({ ...profile, must_change_password: false });
          }
        }),
        catchError((error: unknown) => throwError(() => ApiError.from(error))),
      );
  }

  /** The API said 401: forget the session and show the login screen (editor text survives). */
  sessionExpired(): void {
    this.setAnonymous();
    if (!this.router.url.startsWith(SIGN_IN_PATH)) {
      void this.router.navigateByUrl(SIGN_IN_PATH);
    }
  }

  private fetchProfile(): Observable<UserProfile> {
    return this.http.get<ApiEnvelope<UserProfile>>(`${this.base}/api/session/profile`).pipe(
      map(unwrap),
      tap((profile) => {
        this.profileState.set(profile);
        this.sessionState.set('authenticated');
      }),
    );
  }

  private setAnonymous(): void {
    this.profileState.set(null);
    this.sessionState.set('anonymous');
  }
}

/** True for a 401 answer (the session is missing or expired). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}

import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { failure } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { passwordChangeRequired } from './auth.guard';
import { SessionsService } from './sessions.service';
import { bearerToken, extractToken } from './token-extractor';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read GET /api/metrics (the counts of every user's executions and streams): anyone when
 * METRICS_PUBLIC, a scraper with `Authorization: Bearer <METRICS_TOKEN>`, or an admin session.
 * A middleware rather than the route's own guard because the route is declared `@Public()`
 * where it lives; this decides before any guard runs.
 */
@Injectable()
export class MetricsAccessMiddleware implements NestMiddleware {
  constructor(
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    if (this.config.METRICS_PUBLIC || this.presentsMetricsToken(request)) return next();
    const token = extractToken(request);
    const user = token ? await this.sessions.authenticate(token) : undefined;
    if (user?.mustChangePassword && !this.config.ALLOW_DEFAULT_PASSWORD) {
      response.status(403).json(passwordChangeRequired().getResponse());
      return;
    }
    if (user?.role === 'admin') return next();
    const [status, code, message] = user
      ? [403, 'FORBIDDEN', "Metrics need the 'admin' role or METRICS_TOKEN"]
      : [401, 'UNAUTHORIZED', 'Metrics need an admin session or METRICS_TOKEN'];
    response.status(status).json(failure({ code, message }));
  }

  private presentsMetricsToken(request: Request): boolean {
    const presented = bearerToken(request);
    const expected = this.config.METRICS_TOKEN;
    // Hashing first gives equal lengths, so the comparison time says nothing about the token.
    return !!presented && !!expected && timingSafeEqual(digest(presented), digest(expected));
  }
}

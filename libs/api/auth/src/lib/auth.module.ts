import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { CLOCK, Clock } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { LoginAttempts } from './login-attempts';
import { MetricsAccessMiddleware } from './metrics-access.middleware';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStorage } from './rate-limit.storage';
import { SameOriginGuard } from './same-origin.guard';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { SessionController } from './session.controller';
import { SessionsService } from './sessions.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Users, password hashing, sessions, login throttling, the global guards that protect every
 * other route, and who may read the metrics.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, CLOCK],
      useFactory: (config: AppConfig, clock: Clock) => ({
        throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
        storage: new RateLimitStorage(clock),
      }),
    }),
  ],
  controllers: [AuthController, SessionController, UsersController],
  // Guards run in this order: where a cookie request comes from, who is asking, how often they ask.
  providers: [
    UsersService,
    SessionsService,
    LoginAttempts,
    { provide: APP_GUARD, useClass: SameOriginGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [UsersService, SessionsService],
})
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsAccessMiddleware).forRoutes({ path: 'metrics', method: RequestMethod.GET });
  }
}

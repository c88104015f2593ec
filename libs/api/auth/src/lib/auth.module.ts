import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@chariot/api-config';
import { LoginAttempts } from './login-attempts';
import { RateLimitGuard } from './rate-limit.guard';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { SessionController } from './session.controller';
import { SessionsService } from './sessions.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Users, password hashing, sessions, login throttling and the global guards that protect every other route. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }] }),
    }),
  ],
  controllers: [AuthController, SessionController, UsersController],
  // Guards run in this order: who is asking, then how often they ask.
  providers: [
    UsersService,
    SessionsService,
    LoginAttempts,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [UsersService, SessionsService],
})
export class AuthModule {}

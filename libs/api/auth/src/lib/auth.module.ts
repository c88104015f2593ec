import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { SessionController } from './session.controller';
import { SessionsService } from './sessions.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Users, password hashing, sessions and the global guard that protects every other route. */
@Module({
  controllers: [AuthController, SessionController, UsersController],
  providers: [UsersService, SessionsService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersService, SessionsService],
})
export class AuthModule {}

import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiEnvelope, UserProfile } from '@chariot/contract';
import {
  AllowedWithDefaultPassword,
  ApiException,
  AuthenticatedUser,
  CurrentUser,
  notFound,
  ok,
} from '@chariot/api-common';
import { ChangePasswordDto } from './dto/change-password.dto';
import { clientAddress } from './client-address';
import { LoginAttempts } from './login-attempts';
import { SessionsService } from './sessions.service';
import { toProfile, UsersService } from './users.service';

@ApiTags('session')
@ApiBearerAuth()
@ApiCookieAuth('chariot_token')
@ApiUnauthorizedResponse({ description: 'No live session (code UNAUTHORIZED)' })
@Controller('session')
export class SessionController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly attempts: LoginAttempts,
  ) {}

  @Get('profile')
  @AllowedWithDefaultPassword()
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ description: '{result:"OK",data:{username,role,created_at,must_change_password}}' })
  async profile(@CurrentUser() user: AuthenticatedUser): Promise<ApiEnvelope<UserProfile>> {
    const row = await this.users.findById(user.id);
    if (!row) throw notFound('User');
    return ok(toProfile(row));
  }

  @Post('password')
  @AllowedWithDefaultPassword()
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your own password; other sessions of yours are ended' })
  @ApiOkResponse({ description: '{result:"OK",data:{changed:true}}' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many wrong current passwords, counted with failed logins (code TOO_MANY_LOGIN_ATTEMPTS, with Retry-After)',
  })
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<ApiEnvelope<{ changed: boolean }>> {
    // A stolen session must not become a way to guess the password at request speed.
    const address = clientAddress(request);
    this.attempts.assertAllowed(user.username, address);
    if (!(await this.users.checkPassword(user.id, body.current_password))) {
      this.attempts.recordFailure(user.username, address);
      throw new ApiException(401, 'INVALID_CREDENTIALS', 'Current password is wrong');
    }
    await this.users.setPassword(user.id, body.new_password);
    await this.sessions.revokeAllOf(user.id, user.sessionId);
    return ok({ changed: true });
  }
}

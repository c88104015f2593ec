import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiEnvelope, LoginResponse, SESSION_COOKIE } from '@chariot/contract';
import { ApiException, ok, Public } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { LoginDto } from './dto/login.dto';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';
import { extractToken } from './token-extractor';
import { LoginAttempts } from './login-attempts';
import { clientAddress } from './client-address';

/** `/login` and `/logout` sit outside the `/api` prefix, as in the seed's documented cURL flow. */
@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly attempts: LoginAttempts,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; sets the httpOnly chariot_token cookie and returns the token' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ description: '{result:"OK",data:{token,username,role,expires_at}}' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (code INVALID_CREDENTIALS)' })
  @ApiBadRequestResponse({ description: 'Missing or wrong-typed fields (code VALIDATION_FAILED)' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many failed logins for this name from this address, or from this address, or for this name from addresses it has not signed in from (code TOO_MANY_LOGIN_ATTEMPTS, with Retry-After)',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApiEnvelope<LoginResponse>> {
    const address = clientAddress(request);
    this.attempts.assertAllowed(body.username, address);
    const user = await this.users.verifyCredentials(body.username, body.password);
    if (!user) {
      this.attempts.recordFailure(body.username, address);
      throw new ApiException(401, 'INVALID_CREDENTIALS', 'Wrong username or password');
    }
    this.attempts.recordSuccess(body.username, address);
    const session = await this.sessions.issue(user);
    response.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.COOKIE_SECURE,
      path: '/',
      maxAge: this.config.SESSION_IDLE_MINUTES * 60_000,
    });
    return ok({
      token: session.token,
      username: user.username,
      role: user.role,
      expires_at: session.expiresAt.toISOString(),
    });
  }

  @Public()
  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the current session (cookie or bearer token) and clear the cookie' })
  @ApiOkResponse({ description: '{result:"OK",data:{logged_out:true}}' })
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApiEnvelope<{ logged_out: boolean }>> {
    const token = extractToken(request);
    if (token) await this.sessions.revoke(token);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    return ok({ logged_out: true });
  }
}

import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiEnvelope, UserProfile } from '@chariot/contract';
import { AuthenticatedUser, CurrentUser, notFound, ok } from '@chariot/api-common';
import { ChangePasswordDto } from './dto/change-password.dto';
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
  ) {}

  @Get('profile')
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ description: '{result:"OK",data:{username,role,created_at,must_change_password}}' })
  async profile(@CurrentUser() user: AuthenticatedUser): Promise<ApiEnvelope<UserProfile>> {
    const row = await this.users.findById(user.id);
    if (!row) throw notFound('User');
    return ok(toProfile(row));
  }

  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your own password; other sessions of yours are ended' })
  @ApiOkResponse({ description: '{result:"OK",data:{changed:true}}' })
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<ApiEnvelope<{ changed: boolean }>> {
    await this.users.changePassword(user.id, body.current_password, body.new_password);
    await this.sessions.revokeAllOf(user.id, user.sessionId);
    return ok({ changed: true });
  }
}

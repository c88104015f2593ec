import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiEnvelope, UserProfile } from '@chariot/contract';
import { AuthenticatedUser, CurrentUser, ok, RequireRole } from '@chariot/api-common';
import { CreateUserDto } from './dto/create-user.dto';
import { toProfile, UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth('chariot_token')
@ApiForbiddenResponse({ description: 'The caller is not an admin (code FORBIDDEN)' })
@RequireRole('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (admin only)' })
  @ApiCreatedResponse({ description: '{result:"OK",data:{username,role,created_at,must_change_password}}' })
  @ApiConflictResponse({ description: 'The name is taken (code USER_EXISTS)' })
  async create(@Body() body: CreateUserDto): Promise<ApiEnvelope<UserProfile>> {
    return ok(toProfile(await this.users.create(body.username, body.password, body.role ?? 'user')));
  }

  @Get()
  @ApiOperation({ summary: 'List users (admin only)' })
  @ApiOkResponse({ description: '{result:"OK",data:[{username,role,created_at,must_change_password}]}' })
  async list(): Promise<ApiEnvelope<UserProfile[]>> {
    return ok(await this.users.list());
  }

  @Delete(':username')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete a user and their sessions (admin only)' })
  @ApiOkResponse({ description: '{result:"OK",data:{deleted:"name"}}' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'An admin cannot delete themselves (code CANNOT_DELETE_SELF)' })
  async delete(
    @Param('username') username: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ApiEnvelope<{ deleted: string }>> {
    await this.users.delete(username, user.id);
    return ok({ deleted: username });
  }
}

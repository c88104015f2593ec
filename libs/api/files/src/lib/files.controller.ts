import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { ApiEnvelope } from '@chariot/contract';
import { AuthenticatedUser, CurrentUser, ok } from '@chariot/api-common';
import { RenameFileDto } from './dto/rename-file.dto';
import { SaveFileDto } from './dto/save-file.dto';
import { FILE_NAME_RULE } from './file-name';
import { FILE_VERSION_HEADER, type FileDetail, type FileSummary } from '@chariot/contract';
import { FileDeleted } from './file.types';
import { FilesService } from './files.service';

const NAME_PARAM = { name: 'name', description: `The file name: ${FILE_NAME_RULE}`, example: 'hello.ch' };
const INVALID_NAME = { description: `The name breaks the rule (code INVALID_FILE_NAME): ${FILE_NAME_RULE}` };

// The version rides in a header (FILE_VERSION_HEADER, on GET and PUT) so the documented
// `{name,size,created_at,updated_at}` bodies stay as they are; a later PUT sends it back as `version`.
const VERSION_HEADER_DOC = {
  [FILE_VERSION_HEADER]: {
    description: 'The version of the content (1 when created, one more at each save)',
    schema: { type: 'integer' },
  },
};

/** The caller's own scripts. Another user's file answers 404, exactly as a missing one does. */
@ApiTags('files')
@ApiBearerAuth()
@ApiCookieAuth('chariot_token')
@ApiUnauthorizedResponse({ description: 'No live session (code UNAUTHORIZED)' })
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Get()
  @ApiOperation({
    summary: 'List your files, sorted by name',
    description:
      'The first time a user touches their files, a few example scripts are created; deleting them never brings them back.',
  })
  @ApiOkResponse({ description: '{result:"OK",data:[{name,size,created_at,updated_at}]}' })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<ApiEnvelope<FileSummary[]>> {
    return ok(await this.files.list(user.id));
  }

  @Get(':name')
  @ApiOperation({ summary: 'One of your files with its content' })
  @ApiParam(NAME_PARAM)
  @ApiOkResponse({
    description: '{result:"OK",data:{name,content,size,created_at,updated_at}}',
    headers: VERSION_HEADER_DOC,
  })
  @ApiBadRequestResponse(INVALID_NAME)
  @ApiNotFoundResponse({ description: 'No such file of yours (code NOT_FOUND)' })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('name') name: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApiEnvelope<FileDetail>> {
    const { file, version } = await this.files.get(user.id, name);
    response.setHeader(FILE_VERSION_HEADER, String(version));
    return ok(file);
  }

  @Put(':name')
  @ApiOperation({
    summary: 'Save a file: create it (201) or replace its content (200)',
    description:
      'With `version`, only that version is replaced: 409 FILE_CHANGED when the file was saved elsewhere or deleted since.',
  })
  @ApiParam(NAME_PARAM)
  @ApiCreatedResponse({
    description: 'Created: {result:"OK",data:{name,size,created_at,updated_at}}',
    headers: VERSION_HEADER_DOC,
  })
  @ApiOkResponse({
    description: 'Overwritten: {result:"OK",data:{name,size,created_at,updated_at}}',
    headers: VERSION_HEADER_DOC,
  })
  @ApiBadRequestResponse({
    description:
      'Bad name (INVALID_FILE_NAME), missing or non-string content (VALIDATION_FAILED), NUL or unpaired surrogate in content (INVALID_FILE_CONTENT)',
  })
  @ApiPayloadTooLargeResponse({
    description: 'Content over the program limit (code FILE_TOO_LARGE / PAYLOAD_TOO_LARGE)',
  })
  @ApiConflictResponse({
    description:
      'Your file count or byte quota is used up (code FILE_QUOTA_EXCEEDED), or `version` is not the current one (code FILE_CHANGED)',
  })
  async save(
    @CurrentUser() user: AuthenticatedUser,
    @Param('name') name: string,
    @Body() body: SaveFileDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApiEnvelope<FileSummary>> {
    const saved = await this.files.save(user.id, name, body.content, body.version);
    response.status(saved.created ? 201 : 200);
    response.setHeader(FILE_VERSION_HEADER, String(saved.version));
    return ok(saved.file);
  }

  @Post(':name/rename')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rename a file; its content and timestamps are kept' })
  @ApiParam(NAME_PARAM)
  @ApiOkResponse({ description: '{result:"OK",data:{name,size,created_at,updated_at}} under the new name' })
  @ApiBadRequestResponse(INVALID_NAME)
  @ApiNotFoundResponse({ description: 'No such file of yours (code NOT_FOUND)' })
  @ApiConflictResponse({ description: 'A file with the new name exists (code FILE_EXISTS)' })
  async rename(
    @CurrentUser() user: AuthenticatedUser,
    @Param('name') name: string,
    @Body() body: RenameFileDto,
  ): Promise<ApiEnvelope<FileSummary>> {
    return ok(await this.files.rename(user.id, name, body.new_name));
  }

  @Delete(':name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete a file' })
  @ApiParam(NAME_PARAM)
  @ApiOkResponse({ description: '{result:"OK",data:{deleted:"name"}}' })
  @ApiBadRequestResponse(INVALID_NAME)
  @ApiNotFoundResponse({ description: 'No such file of yours (code NOT_FOUND)' })
  async delete(@CurrentUser() user: AuthenticatedUser, @Param('name') name: string): Promise<ApiEnvelope<FileDeleted>> {
    await this.files.delete(user.id, name);
    return ok({ deleted: name });
  }
}

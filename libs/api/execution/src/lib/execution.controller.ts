import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { ApiEnvelope, ExecutionPending, ExecutionStarted, ExecutionSummary } from '@chariot/contract';
import { isFinalStatus } from '@chariot/contract';
import { AuthenticatedUser, CurrentUser, failure, ok, pending } from '@chariot/api-common';
import { ExecuteProgramDto } from './dto/execute-program.dto';
import { ListExecutionsQueryDto } from './dto/list-executions-query.dto';
import { Execution } from './execution';
import { ExecutionsService } from './executions.service';

/** The envelope of an ended execution: its value, or its error with line and column. */
function outcomeEnvelope(execution: Execution): ApiEnvelope {
  return execution.status === 'succeeded'
    ? ok(execution.result)
    : failure(execution.error ?? { code: execution.status.toUpperCase(), message: `execution ${execution.status}` });
}

@ApiTags('execution')
@ApiBearerAuth()
@ApiCookieAuth('chariot_token')
@ApiUnauthorizedResponse({ description: 'No live session (code UNAUTHORIZED)' })
@Controller()
export class ExecutionController {
  constructor(private readonly executions: ExecutionsService) {}

  @Post('execute')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run a program and wait for its value',
    description:
      'Answers 200 with {result:"OK",data:<value>} or, when the script fails, 200 with {result:"ERROR",data:null,error:{code,message,line,column}}.',
  })
  @ApiOkResponse({ description: 'The script ran: OK with its value, or ERROR with the script error' })
  @ApiBadRequestResponse({ description: 'Bad JSON or missing/wrong-typed program (code INVALID_JSON / VALIDATION_FAILED)' })
  @ApiPayloadTooLargeResponse({ description: 'Program over the size limit (code PROGRAM_TOO_LARGE / PAYLOAD_TOO_LARGE)' })
  @ApiTooManyRequestsResponse({ description: 'Too many executions running (code TOO_MANY_EXECUTIONS / SERVER_BUSY)' })
  async execute(@CurrentUser() user: AuthenticatedUser, @Body() body: ExecuteProgramDto): Promise<ApiEnvelope> {
    return outcomeEnvelope(await this.executions.runToEnd(user, body.program));
  }

  @Post('execute-async')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a program in the background; stream its log from GET /api/logs/{execution_id}' })
  @ApiAcceptedResponse({ description: '{result:"OK",data:{execution_id}}' })
  @ApiBadRequestResponse({ description: 'Bad JSON or missing/wrong-typed program' })
  @ApiPayloadTooLargeResponse({ description: 'Program over the size limit' })
  @ApiTooManyRequestsResponse({ description: 'Too many executions running' })
  executeAsync(@CurrentUser() user: AuthenticatedUser, @Body() body: ExecuteProgramDto): ApiEnvelope<ExecutionStarted> {
    return ok({ execution_id: this.executions.start(user, body.program).id });
  }

  @Get('result/:execId')
  @ApiOperation({ summary: 'The outcome of an execution: 202 PENDING while it runs, 200 once it has ended' })
  @ApiAcceptedResponse({ description: '{result:"PENDING",data:{execution_id,status,started_at}}' })
  @ApiOkResponse({ description: '{result:"OK",data:<value>} or {result:"ERROR",error:{...}}' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  result(
    @CurrentUser() user: AuthenticatedUser,
    @Param('execId') id: string,
    @Res({ passthrough: true }) response: Response,
  ): ApiEnvelope<unknown> | ApiEnvelope<ExecutionPending> {
    const execution = this.executions.get(id, user);
    if (!isFinalStatus(execution.status)) {
      response.status(202);
      return pending({
        execution_id: execution.id,
        status: execution.status,
        started_at: (execution.startedAt ?? execution.createdAt).toISOString(),
      });
    }
    return outcomeEnvelope(execution);
  }

  @Post('executions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a running execution; its stream ends with status cancelled' })
  @ApiOkResponse({ description: '{result:"OK",data:{execution_id,status}}' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  @ApiConflictResponse({ description: 'The execution has already ended (code ALREADY_FINISHED)' })
  async cancel(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<ApiEnvelope<{ execution_id: string; status: string }>> {
    const execution = this.executions.cancel(id, user);
    await execution.run?.outcome;
    return ok({ execution_id: execution.id, status: execution.status });
  }

  @Get('executions')
  @ApiOperation({ summary: "The caller's executions, newest first" })
  @ApiOkResponse({ description: '{result:"OK",data:{items:[ExecutionSummary],total,limit,offset}}' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListExecutionsQueryDto,
  ): ApiEnvelope<{ items: ExecutionSummary[]; total: number; limit: number; offset: number }> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { items, total } = this.executions.list(user, query.status, limit, offset);
    return ok({ items: items.map((e) => e.summary()), total, limit, offset });
  }

  @Get('executions/:id')
  @ApiOperation({ summary: 'Metadata of one execution' })
  @ApiOkResponse({ description: '{result:"OK",data:ExecutionSummary}' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): ApiEnvelope<ExecutionSummary> {
    return ok(this.executions.get(id, user).summary());
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
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
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  ApiEnvelope,
  DebugAction,
  DoneEvent,
  ExecutionDetail,
  ExecutionPage,
  ExecutionPending,
  ExecutionStarted,
  ExecutionStatus,
  LogEntry,
} from '@chariot/contract';
import { isFinalStatus, LIST_PREVIEW_CHARS, MAX_VARIABLE_SNAPSHOTS, VARIABLE_PREVIEW_CHARS } from '@chariot/contract';
import { AuthenticatedUser, CurrentUser, escapeControlCharacters, failure, ok, pending } from '@chariot/api-common';
import { DebugActionDto } from './dto/debug-action.dto';
import { ExecuteAsyncDto } from './dto/execute-async.dto';
import { ExecuteProgramDto } from './dto/execute-program.dto';
import { ListExecutionsQueryDto } from './dto/list-executions-query.dto';
import { LogPageQueryDto } from './dto/log-page-query.dto';
import { ExecutionRow, toListItem, toSummary } from './execution-store';
import { ExecutionsService } from './executions.service';

/** Response header of POST /api/execute: the id of the execution the synchronous run recorded. */
export const EXECUTION_ID_HEADER = 'X-Execution-Id';

const TOO_MANY =
  'Your own quota of running and queued executions is used up (code TOO_MANY_EXECUTIONS, MAX_CONCURRENT_PER_USER), ' +
  'or the queue of executions waiting for a place is full (code SERVER_BUSY, MAX_QUEUED)';

/** The envelope of an ended execution: its value, or its error with line and column. */
function outcomeEnvelope(row: ExecutionRow): ApiEnvelope {
  return endEnvelope(toSummary(row));
}

function endEnvelope(end: Pick<DoneEvent, 'status' | 'result' | 'error'>): ApiEnvelope {
  return end.status === 'succeeded'
    ? ok(end.result ?? null)
    : failure(end.error ?? { code: end.status.toUpperCase(), message: `execution ${end.status}` });
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
      'Answers 200 with {result:"OK",data:<value>} or, when the script fails, 200 with {result:"ERROR",data:null,error:{code,message,line,column}}. ' +
      'When every place to run is taken (MAX_CONCURRENT_TOTAL) the request waits in the queue until its run has ended.',
  })
  @ApiOkResponse({
    description: 'The script ran: OK with its value, or ERROR with the script error',
    headers: {
      [EXECUTION_ID_HEADER]: {
        description:
          'Id of the recorded execution: GET /api/executions/{id} gives its detail, including the variables it left defined',
        schema: { type: 'string', format: 'uuid' },
      },
    },
  })
  @ApiBadRequestResponse({
    description: 'Bad JSON or missing/wrong-typed program (code INVALID_JSON / VALIDATION_FAILED)',
  })
  @ApiPayloadTooLargeResponse({
    description: 'Program over the size limit (code PROGRAM_TOO_LARGE / PAYLOAD_TOO_LARGE)',
  })
  @ApiTooManyRequestsResponse({ description: TOO_MANY })
  @ApiServiceUnavailableResponse({
    description:
      'In a cluster with no free place here, the shared work queue (Redis) did not take the execution (code QUEUE_UNAVAILABLE)',
  })
  async execute(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ExecuteProgramDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApiEnvelope> {
    const { id, done } = await this.executions.runToEnd(user, body.program, body.file);
    // the envelope stays the documented {result,data}; the id that leads to the detail rides alongside
    response.setHeader(EXECUTION_ID_HEADER, id);
    return endEnvelope(done);
  }

  @Post('execute-async')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a program in the background; stream its log from GET /api/logs/{execution_id}',
    description:
      'With `debug: {breakpoints, stopOnEntry?, watches?}` the run pauses before the first statement of a breakpoint line (and after each step): ' +
      'the stream sends `event: paused` {line,column,depth,variables,frames,watches}, and POST /api/executions/{id}/debug says how to go on. ' +
      'A breakpoint may be a line or {line, condition?, hitCondition?, logMessage?}: it pauses only where its condition is truthy and its hit condition (N, >=N, %N) takes the hit; ' +
      'a logpoint (logMessage) logs its message with each {expression} evaluated instead of pausing. Watches, conditions and {expressions} are evaluated read-only: ' +
      'anything that could change the run (an assignment, a call of a script function or of a builtin that writes) is refused with an error, not run. ' +
      'The wall clock stands still while paused; a single pause longer than DEBUG_PAUSE_TIMEOUT_MS ends the run as timed_out. ' +
      'When every place to run is taken (MAX_CONCURRENT_TOTAL) it is stored as queued and starts when a place frees, taking turns between users; ' +
      'its stream then sends `event: status` {status:"queued"}, later {status:"running"}. ' +
      'In a cluster (REDIS_URL with PostgreSQL) every execution is stored as queued in the shared queue and runs on whichever instance takes it.',
  })
  @ApiAcceptedResponse({ description: '{result:"OK",data:{execution_id}}' })
  @ApiBadRequestResponse({
    description: 'Bad JSON, missing/wrong-typed program, or bad debug options (code VALIDATION_FAILED)',
  })
  @ApiPayloadTooLargeResponse({ description: 'Program over the size limit' })
  @ApiTooManyRequestsResponse({ description: TOO_MANY })
  @ApiServiceUnavailableResponse({
    description: 'In a cluster, the shared work queue (Redis) did not take the execution (code QUEUE_UNAVAILABLE)',
  })
  async executeAsync(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ExecuteAsyncDto,
  ): Promise<ApiEnvelope<ExecutionStarted>> {
    return ok({ execution_id: await this.executions.submit(user, body.program, body.debug, body.file) });
  }

  @Post('executions/:id/debug')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resume a paused debugged run: continue, step, step_over or step_out',
    description:
      'The stream sends `event: resumed` {action}, then the run goes on until the next pause (`event: paused`) or its end. ' +
      'With `breakpoints` the run takes these as its breakpoints from then on (set or cleared while paused; lines, or breakpoints with a condition, hit condition or log message), ' +
      'with `watches` these watch expressions from the next pause on.',
  })
  @ApiOkResponse({ description: '{result:"OK",data:{execution_id,action}}' })
  @ApiBadRequestResponse({
    description:
      'action missing or not one of continue, step, step_over, step_out, or bad breakpoints (code VALIDATION_FAILED)',
  })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  @ApiConflictResponse({ description: 'The execution is not paused: running, or ended (code NOT_PAUSED)' })
  async debug(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: DebugActionDto,
  ): Promise<ApiEnvelope<{ execution_id: string; action: DebugAction }>> {
    await this.executions.debug(id, user, body.action, { breakpoints: body.breakpoints, watches: body.watches });
    return ok({ execution_id: id, action: body.action });
  }

  @Get('result/:execId')
  @ApiOperation({
    summary: 'The outcome of an execution: 202 PENDING while it is queued or runs, 200 once it has ended',
  })
  @ApiAcceptedResponse({
    description:
      '{result:"PENDING",data:{execution_id,status:"queued"|"running",started_at}} (started_at null while queued)',
  })
  @ApiOkResponse({ description: '{result:"OK",data:<value>} or {result:"ERROR",error:{...}}' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  async result(
    @CurrentUser() user: AuthenticatedUser,
    @Param('execId') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApiEnvelope<unknown> | ApiEnvelope<ExecutionPending>> {
    const row = await this.executions.get(id, user);
    if (!isFinalStatus(row.status as ExecutionStatus)) {
      response.status(202);
      return pending({ execution_id: row.id, status: row.status as ExecutionStatus, started_at: row.started_at });
    }
    return outcomeEnvelope(row);
  }

  @Post('executions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a queued or running execution; its stream ends with status cancelled (a queued one never starts)',
  })
  @ApiOkResponse({ description: '{result:"OK",data:{execution_id,status}}' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  @ApiConflictResponse({ description: 'The execution has already ended (code ALREADY_FINISHED)' })
  async cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<ApiEnvelope<{ execution_id: string; status: string }>> {
    const row = await this.executions.cancel(id, user);
    return ok({ execution_id: row.id, status: row.status });
  }

  @Get('executions')
  @ApiOperation({
    summary: "The caller's executions, newest first, paged, optionally filtered by status",
    description:
      `An item never carries the program or the result whole: program_preview and result_preview are their first ${LIST_PREVIEW_CHARS} characters ` +
      '(the result as JSON text, only when it succeeded), program_bytes and result_bytes their size in UTF-8. GET /api/executions/{id} has them whole, and the variables.',
  })
  @ApiOkResponse({
    description:
      '{result:"OK",data:{items:[ExecutionListItem],total,limit,offset}}: ExecutionSummary without program and result, with program_preview, program_bytes, result_preview?, result_bytes?',
  })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListExecutionsQueryDto,
  ): Promise<ApiEnvelope<ExecutionPage>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { items, total } = await this.executions.list(user, query.status, limit, offset);
    return ok({ items: items.map(toListItem), total, limit, offset });
  }

  @Get('executions/:id')
  @ApiOperation({
    summary:
      'One execution: metadata (status, times, counts, result or error) and the variables its script left defined',
    description:
      `variables lists what the script had defined when it ended, successfully or with a script error: declareGlobal variables first, then the program's top-level ones, each by name, at most ${MAX_VARIABLE_SNAPSHOTS}. ` +
      `Each is {name, type (typeOf code), value (as string() prints it, cut at ${VARIABLE_PREVIEW_CHARS} characters), truncated, scope: "global"|"program"}. ` +
      'It is null while the execution runs, when it was cancelled, timed out or interrupted, and for executions recorded before the inspector existed. The list endpoint leaves it out. ' +
      'paused is where a debugged run waits right now ({line,column,depth,variables}, variables innermost scope first with scope "local"|"program"|"global"), else null.',
  })
  @ApiOkResponse({
    description:
      '{result:"OK",data:ExecutionDetail} — ExecutionSummary plus variables:[VariableSnapshot]|null and paused:PausedEvent|null',
  })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<ApiEnvelope<ExecutionDetail>> {
    return ok(await this.executions.detail(id, user));
  }

  @Get('executions/:id/logs')
  @ApiOperation({ summary: 'A page of the stored log: entries after ?after=, filtered by ?level= and ?q=' })
  @ApiOkResponse({ description: '{result:"OK",data:{entries:[LogEntry],next_after,has_more}}' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  async logs(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: LogPageQueryDto,
  ): Promise<ApiEnvelope<{ entries: LogEntry[]; next_after: number; has_more: boolean }>> {
    const limit = query.limit ?? 1000;
    const after = query.after ?? 0;
    const entries = await this.executions.entries(id, user, {
      after,
      limit: limit + 1,
      levels: query.level,
      text: query.q,
    });
    const page = entries.slice(0, limit);
    return ok({
      entries: page,
      next_after: page.length ? page[page.length - 1].seq : after,
      has_more: entries.length > limit,
    });
  }

  @Get('executions/:id/logs.txt')
  @ApiOperation({
    summary: 'The whole stored log as a text download, one `time [LEVEL] message` line per entry',
    description:
      'Control characters in a message are escaped (`\\n`, `\\x1b`, `\\u202e`), so an entry is always one line and sends no terminal sequence.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'text/plain attachment' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.executions.get(id, user);
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="execution-${id}.log"`);
    let after = 0;
    for (;;) {
      const page = await this.executions.entries(id, user, { after, limit: 2000 });
      if (!page.length) break;
      const text = page.map((e) => `${e.timestamp} [${e.level}] ${escapeControlCharacters(e.message)}\n`).join('');
      if (!response.write(text)) await new Promise((r) => response.once('drain', r));
      after = page[page.length - 1].seq;
    }
    response.end();
  }

  @Delete('executions/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete an ended execution and its log' })
  @ApiOkResponse({ description: '{result:"OK",data:{deleted:id}}' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  @ApiConflictResponse({ description: 'Still queued or running: cancel it first (code EXECUTION_RUNNING)' })
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<ApiEnvelope<{ deleted: string }>> {
    await this.executions.delete(id, user);
    return ok({ deleted: id });
  }
}

import { Controller, Headers, MessageEvent, Param, Query, Req, Sse } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { finalize, Observable } from 'rxjs';
import { AuthenticatedUser, CurrentUser } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { StreamQueryDto } from './dto/stream-query.dto';
import { ExecutionsService } from './executions.service';
import { ExecutionMetrics } from './execution-metrics';
import { withHeartbeat } from './sse-frames';

/** Where a client resumes: `?after=` wins over `Last-Event-ID`; anything unparsable means the start. */
export function resumePoint(after: number | undefined, lastEventId: string | undefined): number {
  if (after !== undefined) return after;
  const parsed = Number.parseInt(lastEventId ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 0;
}

@ApiTags('execution')
@ApiBearerAuth()
@ApiCookieAuth('chariot_token')
@Controller()
export class LogsController {
  constructor(
    private readonly executions: ExecutionsService,
    private readonly config: AppConfig,
    private readonly metrics: ExecutionMetrics,
  ) {}

  /**
   * The live log of an execution as Server-Sent Events. The handler awaits the ownership check
   * before returning the Observable, and Nest sends no header before the first frame, so 401,
   * 404 and 400 are real statuses rather than events on an open stream.
   */
  @Sse('logs/:execId')
  @ApiOperation({
    summary: 'Stream the log of an execution (Server-Sent Events)',
    description:
      'Frames: `id: <seq>` + `data: {seq,timestamp,level,message}` per entry; `event: status` {status} first ' +
      '(queued executions: {status:"queued"}, then {status:"running"} when they start); ' +
      '`event: progress` {percent,message}; `event: paused` {line,column,depth,variables} when a debugged run pauses ' +
      '(also sent, after the stored entries, to a client that connects while it is paused); `event: resumed` {action} when it goes on; ' +
      'non-entry frames carry the last entry\'s seq as `id:`; `event: done` {status,result|error}, after which the stream closes. ' +
      'Resume with the Last-Event-ID header or ?after=<seq>; ?level=WARN,ERROR filters. A `:` heartbeat comment is sent every 15 s.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this sequence number' })
  @ApiOkResponse({ description: 'text/event-stream' })
  @ApiUnauthorizedResponse({ description: 'No live session' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  async stream(
    @CurrentUser() user: AuthenticatedUser,
    @Param('execId') id: string,
    @Query() query: StreamQueryDto,
    @Req() request: Request,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    // A page is read from storage only once the socket has taken the previous one, so a slow
    // reader costs one page of memory, not the whole log.
    const response = request.res;
    const writable = () =>
      new Promise<void>((resolve) => {
        if (!response || !response.writableNeedDrain || response.destroyed) resolve();
        else {
          response.once('drain', () => resolve());
          response.once('close', () => resolve());
        }
      });
    const events = await this.executions.stream(id, user, resumePoint(query.after, lastEventId), query.level, writable);
    this.metrics.streamOpened();
    return withHeartbeat(events, this.config.SSE_HEARTBEAT_SECONDS * 1000).pipe(finalize(() => this.metrics.streamClosed()));
  }
}

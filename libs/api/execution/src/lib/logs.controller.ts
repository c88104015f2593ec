import { Controller, Headers, MessageEvent, Param, Query, Sse } from '@nestjs/common';
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
import { Observable } from 'rxjs';
import { AuthenticatedUser, CurrentUser } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { StreamQueryDto } from './dto/stream-query.dto';
import { ExecutionsService } from './executions.service';
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
  ) {}

  /**
   * The live log of an execution as Server-Sent Events. The execution is looked up (and its
   * ownership checked) before the Observable is returned, so 401/404 are real statuses rather
   * than events on an already-open stream.
   */
  @Sse('logs/:execId')
  @ApiOperation({
    summary: 'Stream the log of an execution (Server-Sent Events)',
    description:
      'Frames: `id: <seq>` + `data: {seq,timestamp,level,message}` per entry; `event: status` {status}; ' +
      '`event: progress` {percent,message}; `event: done` {status,result|error}, after which the stream closes. ' +
      'Resume with the Last-Event-ID header or ?after=<seq>. A `:` heartbeat comment is sent every 15 s.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this sequence number' })
  @ApiOkResponse({ description: 'text/event-stream' })
  @ApiUnauthorizedResponse({ description: 'No live session' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  stream(
    @CurrentUser() user: AuthenticatedUser,
    @Param('execId') id: string,
    @Query() query: StreamQueryDto,
    @Headers('last-event-id') lastEventId?: string,
  ): Observable<MessageEvent> {
    const execution = this.executions.get(id, user);
    const events = execution.log.events({
      after: resumePoint(query.after, lastEventId),
      levels: query.level ? new Set(query.level) : undefined,
    });
    return withHeartbeat(events, this.config.SSE_HEARTBEAT_SECONDS * 1000);
  }
}

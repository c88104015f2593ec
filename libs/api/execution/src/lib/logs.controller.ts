import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthenticatedUser, CurrentUser } from '@chariot/api-common';
import { MAX_QUERY_INT } from './dto/query-int';
import { StreamQueryDto } from './dto/stream-query.dto';
import { LogStreams } from './log-streams';
import { SSE_HEADERS } from './sse-frames';

/**
 * Where a client resumes: `?after=` wins over `Last-Event-ID`; anything unparsable means the start.
 * The header is not validated like the query (browsers send it back by themselves), so a number
 * past any sequence number is clamped to the largest one storage can compare.
 */
export function resumePoint(after: number | undefined, lastEventId: string | undefined): number {
  if (after !== undefined) return after;
  const parsed = Number.parseInt(lastEventId ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? Math.min(parsed, MAX_QUERY_INT) : 0;
}

@ApiTags('execution')
@ApiBearerAuth()
@ApiCookieAuth('chariot_token')
@Controller()
export class LogsController {
  constructor(private readonly streams: LogStreams) {}

  /**
   * The live log of an execution as Server-Sent Events. A raw response rather than `@Sse()`
   * (design.md §8 allows it): frames that are ready go out in one write, the next write waits
   * for `drain` on that connection alone, and an idle stream holds no Observable pipeline or
   * timer of its own. Ownership and the caps are checked before the first byte, so 401, 404,
   * 400 and 429 are real statuses with the error envelope.
   */
  @Get('logs/:execId')
  @ApiOperation({
    summary: 'Stream the log of an execution (Server-Sent Events)',
    description:
      'Frames: `id: <seq>` + `data: {seq,timestamp,level,message}` per entry; `event: status` {status} first ' +
      '(queued executions: {status:"queued"}, then {status:"running"} when they start); ' +
      '`event: progress` {percent,message}; `event: paused` {line,column,depth,variables} when a debugged run pauses ' +
      '(also sent, after the stored entries, to a client that connects while it is paused); `event: resumed` {action} when it goes on; ' +
      "non-entry frames carry the last entry's seq as `id:`; `event: done` {status,result|error}, after which the stream closes. " +
      'Resume with the Last-Event-ID header or ?after=<seq>; ?level=WARN,ERROR filters. A `:` heartbeat comment is sent every 15 s. ' +
      'Open streams are capped per user (MAX_STREAMS_PER_USER) and per execution (MAX_STREAMS_PER_EXECUTION).',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this sequence number' })
  @ApiOkResponse({ description: 'text/event-stream' })
  @ApiUnauthorizedResponse({ description: 'No live session' })
  @ApiNotFoundResponse({ description: 'Unknown execution, or not yours' })
  @ApiTooManyRequestsResponse({
    description: 'Too many open log streams for this user or this execution (code TOO_MANY_STREAMS)',
  })
  async stream(
    @CurrentUser() user: AuthenticatedUser,
    @Param('execId') id: string,
    @Query() query: StreamQueryDto,
    @Req() request: Request,
    @Res() response: Response,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<void> {
    const stream = await this.streams.openStream(
      id,
      user,
      resumePoint(query.after, lastEventId),
      query.level,
      response,
    );
    if (request.socket.destroyed) {
      // The client left during the checks: its 'close' has already fired.
      stream.close();
      return;
    }
    response.once('close', () => stream.close());
    response.writeHead(200, SSE_HEADERS);
    stream.start();
    releaseRequestState(request, response);
  }
}

/**
 * An open stream keeps its request and response for as long as it lasts, and with them what the
 * request pipeline hung on them and will not use again: Express's router continuation, the
 * parsed URL and cookies, the user. Those are cleared (set, not deleted: deleting would turn the
 * request into a slower, larger dictionary object). Once the head has gone out, Node only asks
 * whether it has (`_header` is truthy) and never reads the header map again: the map (some twenty
 * headers, each an array and a lower-cased name) is dropped as Node itself leaves it before any
 * header is set, and the head's text (about 1 KB, most of it the security headers) is replaced by
 * its status line.
 */
export function releaseRequestState(request: Request, response: Response): void {
  const pipeline = request as unknown as Record<string, unknown>;
  for (const key of [
    'next',
    '_parsedUrl',
    '_parsedOriginalUrl',
    'cookies',
    'signedCookies',
    'user',
    'params',
    'body',
  ]) {
    if (pipeline[key] !== undefined) pipeline[key] = undefined;
  }
  response.locals = {};
  const sent = response as unknown as Record<PropertyKey, unknown> & { _header?: unknown; _headerSent?: boolean };
  if (sent._headerSent !== true || typeof sent._header !== 'string') return;
  sent._header = SENT_HEAD;
  outHeaders ??= Object.getOwnPropertySymbols(response).find((key) => key.description === 'kOutHeaders');
  if (outHeaders && sent[outHeaders] !== undefined) sent[outHeaders] = null;
}

/** What stays of a sent head: its status line. */
const SENT_HEAD = 'HTTP/1.1 200 OK\r\n';
/** Node's own key of a response's header map (a symbol it does not export). */
let outHeaders: symbol | undefined;

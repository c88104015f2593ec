import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { LogLevel } from '@chariot/contract';
import { ApiException, AuthenticatedUser } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { ExecutionMetrics } from './execution-metrics';
import { ExecutionStore } from './execution-store';
import { ExecutionsService } from './executions.service';
import { FrameSink, LogStream } from './log-stream';

/**
 * Every open log stream of this process: opens them after the ownership check and the caps,
 * keeps one heartbeat tick for all of them (not a timer each), and counts them per user and per
 * execution so that no one user can hold the server's connections.
 */
@Injectable()
export class LogStreams implements OnModuleInit, OnApplicationShutdown {
  private readonly open = new Set<LogStream>();
  private readonly perUser = new Map<string, number>();
  private readonly perExecution = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly executions: ExecutionsService,
    private readonly store: ExecutionStore,
    private readonly config: AppConfig,
    private readonly metrics: ExecutionMetrics,
  ) {}

  onModuleInit(): void {
    this.heartbeat = setInterval(() => {
      for (const stream of this.open) stream.heartbeat();
    }, this.config.SSE_HEARTBEAT_SECONDS * 1000);
    this.heartbeat.unref();
  }

  /** Bytes written to all open streams that their clients have not taken yet (bounded per stream). */
  get bufferedBytes(): number {
    let bytes = 0;
    for (const stream of this.open) bytes += stream.bufferedBytes;
    return bytes;
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
  }

  /**
   * A stream of the user's execution into `sink`, not yet started: 404 when the execution is not
   * theirs, 429 TOO_MANY_STREAMS past a cap. Nothing is written before it is started, so those
   * errors are real HTTP statuses. The caller calls close() on the stream when the connection
   * closes; until then the stream counts against the caps.
   */
  async openStream(
    id: string,
    user: AuthenticatedUser,
    after: number,
    levels: readonly LogLevel[] | undefined,
    sink: FrameSink,
  ): Promise<LogStream> {
    const live = await this.executions.ownedLive(id, user);
    const mine = this.perUser.get(user.id) ?? 0;
    if (mine >= this.config.MAX_STREAMS_PER_USER) {
      throw new ApiException(
        429,
        'TOO_MANY_STREAMS',
        `You have ${mine} log streams open (limit ${this.config.MAX_STREAMS_PER_USER}); close one first`,
      );
    }
    const onExecution = this.perExecution.get(id) ?? 0;
    if (onExecution >= this.config.MAX_STREAMS_PER_EXECUTION) {
      throw new ApiException(
        429,
        'TOO_MANY_STREAMS',
        `This execution has ${onExecution} log streams open (limit ${this.config.MAX_STREAMS_PER_EXECUTION}); close one first`,
      );
    }
    const userId = user.id; // not `user`: the closure lives as long as the stream
    const stream: LogStream = new LogStream({
      executionId: id,
      after,
      levels,
      store: this.store,
      live,
      sink,
      onClose: () => this.forget(stream, userId, id),
    });
    this.open.add(stream);
    this.perUser.set(userId, mine + 1);
    this.perExecution.set(id, onExecution + 1);
    this.metrics.streamOpened();
    return stream;
  }

  private forget(stream: LogStream, userId: string, executionId: string): void {
    if (!this.open.delete(stream)) return;
    decrement(this.perUser, userId);
    decrement(this.perExecution, executionId);
    this.metrics.streamClosed();
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left) counts.set(key, left);
  else counts.delete(key);
}

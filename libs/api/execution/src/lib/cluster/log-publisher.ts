import { Injectable, Logger } from '@nestjs/common';
import type { DebugAction, DoneEvent, ExecutionStatus, LogEntry, PausedEvent, ProgressEvent } from '@chariot/contract';
import { AppConfig } from '@chariot/api-config';
import type { LiveExecution, LiveListener } from '../live-execution';
import { logStreamKey, PublishedState } from './log-events';
import { RedisConnections } from './redis-connections';

/** Messages kept per execution's stream (`MAXLEN ~`): PostgreSQL has everything, Redis only the live tail. */
const STREAM_MAX_MESSAGES = 128;
/**
 * Characters of messages one published message carries at most: past it (a flood's big batch) it
 * says only how far the log is stored, and readers read those entries from PostgreSQL. With the
 * MAXLEN above, one execution's stream holds a few MiB at most, however fast it logs.
 */
const MESSAGE_ENTRY_CHARS = 32 * 1024;
/** An ended execution's stream stays this long for readers that are still catching up, then Redis drops it. */
const ENDED_STREAM_TTL_SECONDS = 300;

const logger = new Logger('LogPublisher');

/**
 * Publishes the live log of each execution this instance runs to its Redis Stream, for streams
 * opened on other instances. Entries go out only after they are stored, in the order they were
 * stored, one XADD per stored batch or state change, on one connection.
 */
@Injectable()
export class LogPublisher {
  /** Shared with every publication: once the instance has given up its executions, nothing more goes out. */
  private readonly publishing = { open: true };

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {}

  /** A publication for one execution (undefined when not clustered); attach() it once the execution exists. */
  publication(): Publication | undefined {
    return this.config.clustered ? new Publication(this.redis, this.publishing) : undefined;
  }

  /**
   * Publishes the end of an execution that never ran (cancelled in the shared queue), so streams
   * following it elsewhere end at once; nobody else publishes for it.
   */
  publishEnd(executionId: string, done: DoneEvent): void {
    if (!this.config.clustered || !this.publishing.open) return;
    publish(this.redis, executionId, '0-1', { entries: [], status: done.status, paused: null, done });
  }

  /**
   * Publishes nothing more: the instance is stopping and has marked its executions `interrupted`;
   * what its runs report as they are stopped must not tell other instances otherwise.
   */
  stop(): void {
    this.publishing.open = false;
  }
}

/** The publishing side of one execution: stored() hands it each stored batch, and as a listener it publishes. */
export class Publication implements LiveListener {
  private live: LiveExecution | undefined;
  private entries: LogEntry[] = [];
  /** Characters of the messages in `entries`; past MESSAGE_ENTRY_CHARS they are not kept. */
  private entryChars = 0;
  private overflowed = false;
  private seq = 0;
  private k = 0;
  private sentStatus: ExecutionStatus | undefined;
  private sentProgress: ProgressEvent | undefined;
  private sentPause: PausedEvent | null = null;
  private sentAction: DebugAction | undefined;

  constructor(
    private readonly redis: RedisConnections,
    private readonly publishing: { open: boolean },
  ) {}

  attach(live: LiveExecution): void {
    this.live = live;
    live.listeners.add(this);
  }

  /** A batch was stored; it goes out with the wake() that follows. */
  stored(batch: readonly LogEntry[]): void {
    if (this.overflowed) return;
    for (const entry of batch) {
      this.entryChars += entry.message.length;
      if (this.entryChars > MESSAGE_ENTRY_CHARS) {
        this.overflowed = true;
        this.entries = [];
        return;
      }
      this.entries.push(entry);
    }
  }

  wake(): void {
    const live = this.live;
    if (!live || !this.publishing.open) return;
    const changed =
      this.entries.length > 0 ||
      this.overflowed ||
      live.done !== undefined ||
      live.status !== this.sentStatus ||
      live.progress !== this.sentProgress ||
      live.paused !== this.sentPause ||
      live.lastAction !== this.sentAction;
    if (!changed) return;
    const state: PublishedState = {
      entries: this.entries,
      ...(this.overflowed ? { through: live.storedSeq } : {}),
      status: live.status,
      progress: live.progress,
      paused: live.paused,
      lastAction: live.lastAction,
      done: live.done,
    };
    this.entries = [];
    this.entryChars = 0;
    this.overflowed = false;
    this.sentStatus = live.status;
    this.sentProgress = live.progress;
    this.sentPause = live.paused;
    this.sentAction = live.lastAction;
    if (live.storedSeq !== this.seq) {
      this.seq = live.storedSeq;
      this.k = 0;
    }
    publish(this.redis, live.id, `${this.seq}-${++this.k}`, state);
  }
}

/**
 * Adds one message to an execution's stream (one connection, so in order), and lets the stream
 * go some minutes after the end it tells of.
 */
function publish(redis: RedisConnections, executionId: string, messageId: string, state: PublishedState): void {
  const key = logStreamKey(executionId);
  const connection = redis.commands;
  connection
    .xadd(key, 'MAXLEN', '~', STREAM_MAX_MESSAGES, messageId, 'm', JSON.stringify(state))
    .catch((error: unknown) => {
      // Readers elsewhere fall back to PostgreSQL, which has every entry: late, never lost.
      logger.warn(`publishing the log of ${executionId} failed: ${String(error)}`);
    });
  if (state.done) void connection.expire(key, ENDED_STREAM_TTL_SECONDS).catch(() => undefined);
}

import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PublishedState } from './log-events';
import { RedisConnections } from './redis-connections';

/** Longest wait of one XREAD; a new stream to follow interrupts it at once (CLIENT UNBLOCK). */
const BLOCK_MS = 2000;
/** Messages per stream per XREAD. */
const COUNT = 500;
const RETRY_MS = 1000;

type Handler = (messages: PublishedState[]) => void;

interface Followed {
  lastId: string;
  handler: Handler;
}

const logger = new Logger('RedisLogReader');

/**
 * Every Redis Stream this instance follows, read by one loop of plain `XREAD BLOCK` (fan-out: no
 * consumer groups) over all their keys on one connection, however many executions and clients.
 */
@Injectable()
export class RedisLogReader implements OnApplicationShutdown {
  private readonly followed = new Map<string, Followed>();
  private looping = false;
  private closed = false;
  /** The XREAD under way does not cover every followed key yet. */
  private stale = false;
  private blocked = false;
  private readerId: number | undefined;
  private idle: (() => void) | undefined;

  constructor(private readonly redis: RedisConnections) {}

  /** Calls `handler` with the messages of `key` after `fromId`, in order, until unfollow(). */
  follow(key: string, fromId: string, handler: Handler): void {
    this.followed.set(key, { lastId: fromId, handler });
    this.stale = true;
    if (!this.looping) {
      this.looping = true;
      void this.loop();
    }
    void this.interrupt();
  }

  unfollow(key: string): void {
    this.followed.delete(key);
  }

  onApplicationShutdown(): void {
    this.closed = true;
    this.idle?.();
  }

  private async loop(): Promise<void> {
    const connection = this.redis.reader;
    while (!this.closed) {
      if (!this.followed.size) {
        await new Promise<void>((resolve) => (this.idle = resolve));
        this.idle = undefined;
        continue;
      }
      let reply: [string, [string, string[]][]][] | null;
      try {
        this.readerId ??= Number(await connection.client('ID'));
        this.stale = false;
        const keys = [...this.followed.keys()];
        const ids = keys.map((key) => (this.followed.get(key) as Followed).lastId);
        this.blocked = true;
        reply = await connection.xread('COUNT', COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids);
      } catch (error) {
        if (this.closed) return;
        logger.warn(`reading log streams failed, retrying: ${String(error)}`);
        this.readerId = undefined;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      } finally {
        this.blocked = false;
      }
      for (const [key, messages] of reply ?? []) {
        const followed = this.followed.get(key);
        if (!followed || !messages.length) continue;
        followed.lastId = messages[messages.length - 1][0];
        followed.handler(messages.map(([, fields]) => JSON.parse(fields[1]) as PublishedState));
      }
    }
  }

  /** Ends the XREAD under way so the next one covers a key just followed. */
  private async interrupt(): Promise<void> {
    this.idle?.();
    // CLIENT UNBLOCK is a no-op until the XREAD has reached Redis: try until it took effect or a
    // new XREAD (covering the key) has started.
    for (let tries = 0; tries < 100 && this.stale && !this.closed; tries++) {
      if (
        this.blocked &&
        this.readerId !== undefined &&
        Number(await this.redis.commands.client('UNBLOCK', this.readerId))
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ExecutionStatus } from '@chariot/contract';
import { isFinalStatus } from '@chariot/contract';
import { AppConfig } from '@chariot/api-config';
import { ExecutionStore } from '../execution-store';
import { LogTail } from '../log-tail';
import { logStreamKey, streamIdAfter } from './log-events';
import { RedisLogReader } from './redis-log-reader';
import { RemoteExecution } from './remote-execution';

/**
 * How often each followed execution is also checked in PostgreSQL: its end when its instance died
 * (the lease sweep marks it there, nobody publishes), and entries Redis did not bring.
 */
const CHECK_MS = 1000;
/** Entries of the newest stored ones a newly followed execution's tail starts with. */
const SEED_ENTRIES = 500;
/** Checks without a reader before an execution is no longer followed (a stream that just opened may not have started yet). */
const IDLE_CHECKS = 3;

/**
 * The executions running on other instances that streams of this instance follow: one
 * RemoteExecution each, shared by all its streams here, fed by the one Redis reader, and dropped
 * once it has ended or no stream reads it.
 */
@Injectable()
export class RemoteExecutions implements OnModuleInit, OnApplicationShutdown {
  private readonly followed = new Map<string, RemoteExecution>();
  private readonly opening = new Map<string, Promise<RemoteExecution | undefined>>();
  /** Checks in a row that found no stream reading it; dropped at IDLE_CHECKS. */
  private readonly idle = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly config: AppConfig,
    private readonly store: ExecutionStore,
    private readonly reader: RedisLogReader,
  ) {}

  onModuleInit(): void {
    if (!this.config.clustered) return;
    this.timer = setInterval(() => void this.check(), CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * The execution as followed from here when it is queued or running on another instance;
   * undefined when it has ended, is unknown, or this instance is not clustered (then streams read
   * PostgreSQL).
   */
  follow(id: string): Promise<RemoteExecution | undefined> {
    if (!this.config.clustered) return Promise.resolve(undefined);
    const known = this.followed.get(id);
    if (known && !known.done) {
      this.idle.delete(id);
      return Promise.resolve(known);
    }
    let opening = this.opening.get(id);
    if (!opening) {
      opening = this.open(id).finally(() => this.opening.delete(id));
      this.opening.set(id, opening);
    }
    return opening;
  }

  private async open(id: string): Promise<RemoteExecution | undefined> {
    const row = await this.store.get(id);
    if (!row || isFinalStatus(row.status as ExecutionStatus)) return undefined;
    const remote = new RemoteExecution(
      row,
      this.store,
      new LogTail(this.config.LOG_TAIL_ENTRIES, this.config.LOG_TAIL_BYTES),
    );
    const storedSeq = Number(row.entry_count);
    await remote.seed(storedSeq, SEED_ENTRIES);
    this.followed.set(id, remote);
    // Everything up to storedSeq is in PostgreSQL: Redis from there on (what it still has).
    this.reader.follow(logStreamKey(id), streamIdAfter(storedSeq), (messages) => {
      void remote.apply(messages).then(() => remote.done && this.drop(id));
    });
    return remote;
  }

  private drop(id: string): void {
    this.followed.delete(id);
    this.idle.delete(id);
    this.reader.unfollow(logStreamKey(id));
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const [id, remote] of this.followed) {
        const idle = remote.listeners.size ? 0 : (this.idle.get(id) ?? 0) + 1;
        this.idle.set(id, idle);
        if (idle >= IDLE_CHECKS) {
          this.drop(id);
          continue;
        }
        const row = await this.store.get(id);
        if (row && (Number(row.entry_count) > remote.storedSeq || isFinalStatus(row.status as ExecutionStatus)))
          await remote.applyRow(row);
        if (remote.done || !row) this.drop(id);
      }
    } catch {
      // PostgreSQL did not answer: the next check tries again.
    } finally {
      this.checking = false;
    }
  }
}

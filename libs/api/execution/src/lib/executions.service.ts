import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import { DebugAction, DebugOptions, ExecutionDetail, ExecutionStatus, isFinalStatus, LogEntry, LogLevel } from '@chariot/contract';
import { ApiException, AuthenticatedUser, notFound } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { RunLimits, RunOutcome, RuntimeService } from '@chariot/api-runtime';
import { ExecutionRow, ExecutionStore, toDetail } from './execution-store';
import { LiveExecution } from './live-execution';
import { readLog } from './log-reader';
import { ExecutionMetrics } from './execution-metrics';
import type { StreamEvent } from './stream-event';

/**
 * Owns every execution: records it, starts it on the runtime, stores its log, records how it
 * ended, and deletes it once retention has passed. Another user's execution answers 404, exactly
 * as an unknown id does, so ids cannot be probed.
 */
@Injectable()
export class ExecutionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Execution');
  private readonly live = new Map<string, LiveExecution>();

  constructor(
    private readonly runtime: RuntimeService,
    private readonly store: ExecutionStore,
    private readonly config: AppConfig,
    private readonly metrics: ExecutionMetrics,
  ) {}

  async onModuleInit(): Promise<void> {
    const interrupted = await this.store.markInterrupted();
    if (interrupted) this.logger.warn(`Marked ${interrupted} execution(s) left running by a previous process as interrupted`);
  }

  /** Records and starts a program in the background, under the debugger when `debug` is given. */
  async start(user: AuthenticatedUser, program: string, debug?: DebugOptions): Promise<LiveExecution> {
    this.checkProgramSize(program);
    this.checkCapacity(user);
    const now = new Date().toISOString();
    const id = randomUUID();
    const live = new LiveExecution(id, user.id, this.store, (n) => this.metrics.entriesStored(n));
    // Reserved before the first await so concurrent starts count against the limits.
    this.live.set(id, live);
    try {
      await this.store.insert({
        id,
        owner_id: user.id,
        owner: user.username,
        program,
        status: 'running',
        created_at: now,
        started_at: now,
        finished_at: null,
        result_json: null,
        error_json: null,
        entry_count: 0,
        dropped_count: 0,
        progress_percent: null,
        progress_message: null,
      });
    } catch (error) {
      this.live.delete(id);
      throw error;
    }
    live.run = this.runtime.start(
      { program, limits: this.limits(), env: this.scriptEnv(), debug },
      {
        log: (level, message, timestamp) => live.append(level, message, timestamp),
        progress: (percent, message) => live.setProgress({ percent, message }),
        paused: (event) => live.pause(event),
        resumed: (action) => live.resume(action),
      },
    );
    this.logger.log({ msg: 'execution started', execution_id: id, user: user.username });
    void live.run.outcome.then((outcome) => this.settle(live, outcome));
    return live;
  }

  /** Runs a program and resolves with its stored record once it has ended. */
  async runToEnd(user: AuthenticatedUser, program: string): Promise<ExecutionRow> {
    const live = await this.start(user, program);
    await live.finished;
    return this.get(live.id, user);
  }

  async get(id: string, user: AuthenticatedUser): Promise<ExecutionRow> {
    return ownedBy(user, await this.store.get(id));
  }

  /**
   * One execution with the variables its script left defined (null while it runs or without a
   * snapshot) and where it is paused (null unless a debugged run waits in this process).
   */
  async detail(id: string, user: AuthenticatedUser): Promise<ExecutionDetail> {
    const row = ownedBy(user, await this.store.getWithVariables(id));
    return toDetail(row, this.live.get(id)?.paused ?? null);
  }

  /**
   * Ends the pause of a debugged run with the user's action (and new breakpoints, when given);
   * 409 NOT_PAUSED when it is not paused.
   */
  async debug(id: string, user: AuthenticatedUser, action: DebugAction, breakpoints?: number[]): Promise<void> {
    await this.get(id, user);
    const live = this.live.get(id);
    if (!live || live.done || !live.run?.resume(action, breakpoints)) {
      throw new ApiException(409, 'NOT_PAUSED', 'The execution is not paused at a breakpoint');
    }
  }

  list(user: AuthenticatedUser, status: ExecutionStatus | undefined, limit: number, offset: number) {
    return this.store.list(user.id, status, limit, offset);
  }

  /** The stream of one execution for one client; ownership is checked before it is returned. */
  async stream(id: string, user: AuthenticatedUser, after: number, levels: readonly LogLevel[] | undefined, writable?: () => Promise<void>): Promise<Observable<StreamEvent>> {
    await this.get(id, user);
    return readLog({ executionId: id, after, levels, store: this.store, live: () => this.live.get(id), writable });
  }

  async entries(id: string, user: AuthenticatedUser, query: { after: number; limit: number; levels?: LogLevel[]; text?: string }): Promise<LogEntry[]> {
    await this.get(id, user);
    const live = this.live.get(id);
    return this.store.readEntries(id, { ...query, upTo: live && !live.done ? live.storedSeq : undefined });
  }

  async cancel(id: string, user: AuthenticatedUser): Promise<ExecutionRow> {
    const row = await this.get(id, user);
    const live = this.live.get(id);
    if (!live || live.done || isFinalStatus(row.status as ExecutionStatus)) {
      throw new ApiException(409, 'ALREADY_FINISHED', `Execution already ended with status ${row.status}`);
    }
    live.run?.stop('cancelled');
    await live.finished;
    return this.get(id, user);
  }

  async delete(id: string, user: AuthenticatedUser): Promise<void> {
    const row = await this.get(id, user);
    if (this.live.has(id) || !isFinalStatus(row.status as ExecutionStatus)) {
      throw new ApiException(409, 'EXECUTION_RUNNING', 'Cancel the execution before deleting it');
    }
    await this.store.delete(id);
  }

  get runningCount(): number {
    return this.live.size;
  }

  /** Debugged runs of this process waiting at a pause. */
  get pausedCount(): number {
    return [...this.live.values()].filter((l) => l.paused !== null).length;
  }

  /** Deletes ended executions past the retention age or beyond the newest N of each user. */
  @Cron('0 * * * * *', { name: 'execution-retention' })
  async removeExpired(now = Date.now()): Promise<number> {
    const cutoff = new Date(now - this.config.RETENTION_MINUTES * 60_000).toISOString();
    const ids = (await this.store.expiredIds(cutoff, this.config.RETENTION_MAX_PER_USER)).filter((id) => !this.live.has(id));
    for (const id of ids) await this.store.delete(id);
    if (ids.length) this.logger.log(`Retention removed ${ids.length} execution(s)`);
    return ids.length;
  }

  onApplicationShutdown(): void {
    // Their rows stay 'running' and are marked interrupted at the next start.
    for (const live of this.live.values()) live.run?.stop('cancelled');
  }

  private async settle(live: LiveExecution, outcome: RunOutcome): Promise<void> {
    try {
      await live.finish(
        outcome.status === 'succeeded' ? { status: 'succeeded', result: outcome.value } : { status: outcome.status, error: outcome.error },
        outcome.droppedEntries,
        outcome.variables,
      );
      this.metrics.finished(outcome.status);
      this.logger.log({ msg: 'execution ended', execution_id: live.id, status: outcome.status, entries: live.storedSeq, dropped: outcome.droppedEntries });
    } catch (error) {
      this.logger.error({ msg: 'recording the end of an execution failed', execution_id: live.id, error: String(error) });
    } finally {
      this.live.delete(live.id);
    }
  }

  private limits(): RunLimits {
    return {
      timeoutMs: this.config.EXECUTION_TIMEOUT_MS,
      pauseTimeoutMs: this.config.DEBUG_PAUSE_TIMEOUT_MS,
      memoryMb: this.config.WORKER_MEMORY_MB,
      maxLogEntries: this.config.MAX_LOG_ENTRIES,
      maxLogBytes: this.config.MAX_LOG_BYTES,
      language: { maxSteps: this.config.EXECUTION_MAX_STEPS, maxCallDepth: this.config.EXECUTION_MAX_CALL_DEPTH },
    };
  }

  private scriptEnv(): Record<string, string> {
    const names = this.config.SCRIPT_ENV_ALLOWLIST.split(',').map((n) => n.trim()).filter(Boolean);
    return Object.fromEntries(names.filter((n) => process.env[n] !== undefined).map((n) => [n, process.env[n] as string]));
  }

  private checkProgramSize(program: string): void {
    if (Buffer.byteLength(program, 'utf8') > this.config.MAX_PROGRAM_BYTES) {
      throw new ApiException(413, 'PROGRAM_TOO_LARGE', `Program exceeds ${this.config.MAX_PROGRAM_BYTES} bytes`);
    }
  }

  /** Refuses (429) rather than queues: a caller learns at once and can retry or cancel. */
  private checkCapacity(user: AuthenticatedUser): void {
    const mine = [...this.live.values()].filter((l) => l.ownerId === user.id).length;
    if (mine >= this.config.MAX_CONCURRENT_PER_USER) {
      throw new ApiException(429, 'TOO_MANY_EXECUTIONS', `You already have ${mine} executions running (limit ${this.config.MAX_CONCURRENT_PER_USER}); wait for one to end or cancel it`);
    }
    if (this.live.size >= this.config.MAX_CONCURRENT_TOTAL) {
      throw new ApiException(429, 'SERVER_BUSY', `The server is running its limit of ${this.config.MAX_CONCURRENT_TOTAL} executions; try again shortly`);
    }
  }
}

/** The row when it is the user's; another user's execution is as unknown as a missing one. */
function ownedBy<T extends { owner_id: string }>(user: AuthenticatedUser, row: T | undefined): T {
  if (!row || row.owner_id !== user.id) throw notFound('Execution');
  return row;
}

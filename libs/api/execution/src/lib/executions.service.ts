import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { randomUUID } from 'node:crypto';
import { ExecutionStatus, isFinalStatus } from '@chariot/contract';
import { ApiException, AuthenticatedUser, notFound } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { RunLimits, RunOutcome, RuntimeService } from '@chariot/api-runtime';
import { Execution } from './execution';

/**
 * Owns every execution: starts it on the runtime, feeds its log stream, records how it ended,
 * and forgets it once the retention has passed. Lookups for another user's execution answer
 * 404, exactly as for an unknown id, so ids cannot be probed.
 */
@Injectable()
export class ExecutionsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Execution');
  private readonly executions = new Map<string, Execution>();

  constructor(
    private readonly runtime: RuntimeService,
    private readonly config: AppConfig,
  ) {}

  /** Starts a program in the background; its outcome is awaited by whoever wants it. */
  start(user: AuthenticatedUser, program: string): Execution {
    this.checkProgramSize(program);
    this.checkCapacity(user);
    const execution = new Execution(randomUUID(), user.id, user.username, program);
    this.executions.set(execution.id, execution);
    this.launch(execution);
    return execution;
  }

  /** Runs a program and resolves when it has ended. */
  async runToEnd(user: AuthenticatedUser, program: string): Promise<Execution> {
    const execution = this.start(user, program);
    await execution.run?.outcome;
    return execution;
  }

  get(id: string, user: AuthenticatedUser): Execution {
    const execution = this.executions.get(id);
    if (!execution || execution.ownerId !== user.id) throw notFound('Execution');
    return execution;
  }

  list(user: AuthenticatedUser, status: ExecutionStatus | undefined, limit: number, offset: number): { items: Execution[]; total: number } {
    const mine = [...this.executions.values()]
      .filter((e) => e.ownerId === user.id && (!status || e.status === status))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return { items: mine.slice(offset, offset + limit), total: mine.length };
  }

  cancel(id: string, user: AuthenticatedUser): Execution {
    const execution = this.get(id, user);
    if (isFinalStatus(execution.status)) {
      throw new ApiException(409, 'ALREADY_FINISHED', `Execution already ended with status ${execution.status}`);
    }
    execution.run?.stop('cancelled');
    return execution;
  }

  /** Removes finished executions whose retention has passed; running ones are never touched. */
  @Cron('*/30 * * * * *', { name: 'execution-cleanup' })
  removeExpired(now = Date.now()): number {
    const keepMs = this.config.RETENTION_MINUTES * 60_000;
    let removed = 0;
    for (const [id, execution] of this.executions) {
      if (execution.finishedAt && now - execution.finishedAt.getTime() >= keepMs) {
        this.executions.delete(id);
        removed++;
      }
    }
    if (removed) this.logger.log(`Removed ${removed} finished execution(s) past retention`);
    return removed;
  }

  onApplicationShutdown(): void {
    for (const execution of this.executions.values()) execution.run?.stop('cancelled');
  }

  private launch(execution: Execution): void {
    execution.status = 'running';
    execution.startedAt = new Date();
    execution.log.setStatus('running');
    execution.run = this.runtime.start(
      { program: execution.program, limits: this.limits(), env: this.scriptEnv() },
      {
        log: (level, message, timestamp) => execution.log.append(level, message, timestamp),
        progress: (percent, message) => execution.log.setProgress({ percent, message }),
      },
    );
    void execution.run.outcome.then((outcome) => this.settle(execution, outcome));
  }

  private settle(execution: Execution, outcome: RunOutcome): void {
    execution.status = outcome.status;
    execution.finishedAt = new Date();
    execution.droppedEntries = outcome.droppedEntries;
    if (outcome.status === 'succeeded') execution.result = outcome.value;
    else execution.error = outcome.error;
    execution.log.finish(
      outcome.status === 'succeeded'
        ? { status: outcome.status, result: outcome.value }
        : { status: outcome.status, error: outcome.error },
    );
    this.logger.log(`execution ${execution.id} of ${execution.owner} ended ${outcome.status} with ${execution.log.lastSeq} entries`);
  }

  private limits(): RunLimits {
    return {
      timeoutMs: this.config.EXECUTION_TIMEOUT_MS,
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

  private checkCapacity(user: AuthenticatedUser): void {
    let mine = 0;
    let total = 0;
    for (const execution of this.executions.values()) {
      if (isFinalStatus(execution.status)) continue;
      total++;
      if (execution.ownerId === user.id) mine++;
    }
    if (mine >= this.config.MAX_CONCURRENT_PER_USER) {
      throw new ApiException(429, 'TOO_MANY_EXECUTIONS', `You already have ${mine} executions running (limit ${this.config.MAX_CONCURRENT_PER_USER}); wait for one to end or cancel it`);
    }
    if (total >= this.config.MAX_CONCURRENT_TOTAL) {
      throw new ApiException(429, 'SERVER_BUSY', `The server is running its limit of ${this.config.MAX_CONCURRENT_TOTAL} executions; try again shortly`);
    }
  }
}

import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { sql } from 'kysely';
import type { DebugOptions } from '@chariot/contract';
import { CLOCK, Clock } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { ChariotDb, DATABASE } from '@chariot/api-storage';
import { ExecutionStore } from '../execution-store';
import { RedisConnections } from './redis-connections';

/** What a job carries: the execution to claim, and what its row does not hold. */
export interface ExecutionJob {
  executionId: string;
  debug?: DebugOptions;
}

/** How a delivery of a job went: it ran the execution, or found it already taken (or ended) and did nothing. */
export type JobOutcome = 'ran' | 'not-queued';

/** Redis key prefix of the cluster's BullMQ queues. */
const PREFIX = 'chariot';
/** Rows the lost-job check looks at per round. */
const LOST_CHECK_BATCH = 500;

/**
 * The cluster's shared queue of executions (BullMQ over Redis): `execute-async` stores a row
 * `queued` with no instance and adds a job named by its id; every instance that runs executions
 * takes jobs up to MAX_CONCURRENT_TOTAL at once. BullMQ delivers a job at least once (a lock lost
 * while a run is long, or an instance dying, delivers it again), so the job only names the
 * execution: whoever takes it claims the row in PostgreSQL first, and every later delivery finds
 * it taken and does nothing. The queue is named after the PostgreSQL database, so clusters on
 * other databases that share the Redis never take each other's jobs.
 */
@Injectable()
export class WorkQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkQueue');
  private queue: Queue<ExecutionJob, JobOutcome> | undefined;
  private worker: Worker<ExecutionJob, JobOutcome> | undefined;
  private lostCheck: NodeJS.Timeout | undefined;
  private checking = false;
  /** The queue's name, once the database has said who it is. */
  name = '';

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnections,
    private readonly store: ExecutionStore,
    @Inject(DATABASE) private readonly db: ChariotDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Whether executions go through the shared queue (a cluster). */
  get active(): boolean {
    return this.config.clustered;
  }

  /**
   * Opens the queue and, when this instance runs executions, starts taking jobs, each handed to
   * `run`; resolves once it listens. Does nothing outside a cluster.
   */
  async serve(run: (job: ExecutionJob) => Promise<JobOutcome>): Promise<void> {
    if (!this.active) return;
    this.name = await this.queueName();
    const connection = this.redis.jobs;
    this.queue = new Queue(this.name, { connection, prefix: PREFIX });
    await this.queue.waitUntilReady();
    if (this.config.RUNS_EXECUTIONS) {
      this.worker = new Worker<ExecutionJob, JobOutcome>(this.name, (job) => run(job.data), {
        connection,
        prefix: PREFIX,
        concurrency: this.config.MAX_CONCURRENT_TOTAL,
        // The lock is renewed while a run lasts; a lost one only delivers the job again, which the claim absorbs.
        maxStalledCount: 1,
      });
      this.worker.on('error', (error) => this.logger.warn(`taking jobs: ${error.message}`));
      this.worker.on('failed', (job, error) =>
        this.logger.error(`job of execution ${job?.data.executionId ?? '?'} failed: ${error.message}`),
      );
      await this.worker.waitUntilReady();
    }
    this.lostCheck = setInterval(() => void this.interruptLost(), this.config.LEASE_TIMEOUT_MS);
    this.lostCheck.unref();
    this.logger.log(
      `queue ${this.name}: ${this.config.RUNS_EXECUTIONS ? `takes up to ${this.config.MAX_CONCURRENT_TOTAL} executions at once` : 'takes no executions (RUNS_EXECUTIONS=false)'}`,
    );
  }

  /** Adds the job of an execution whose row is stored `queued` without an instance. */
  async add(job: ExecutionJob): Promise<void> {
    if (!this.queue) throw new Error('the work queue is not open');
    await this.queue.add('run', job, {
      jobId: job.executionId,
      // A processor that throws (PostgreSQL did not answer the claim) is tried again.
      attempts: 5,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    });
  }

  /** Takes a cancelled execution's job out of the queue, if it still waits there (its claim would fail anyway). */
  async remove(executionId: string): Promise<void> {
    await this.queue?.remove(executionId).catch(() => 0);
  }

  /** Takes no more jobs (SIGTERM); the ones running go on. */
  async stopTaking(): Promise<void> {
    await this.worker?.pause(true);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.lostCheck);
    // Jobs still running here were marked interrupted with the lease: their next delivery does nothing.
    await this.worker?.close(true).catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }

  /**
   * Marks `interrupted` the executions that wait for a job that is not in the queue (their instance
   * died between storing the row and adding the job, or Redis lost its data) or that failed for
   * good. They would otherwise wait, and count against their owner's quota, for ever.
   */
  async interruptLost(): Promise<number> {
    if (this.checking || !this.queue) return 0;
    this.checking = true;
    try {
      const before = new Date(this.clock.epochMs() - this.config.LEASE_TIMEOUT_MS).toISOString();
      const waiting = await this.store.sharedQueuedIds(before, LOST_CHECK_BATCH);
      const queue = this.queue;
      const states = await Promise.all(waiting.map((id) => queue.getJobState(id)));
      // failed: every attempt at claiming it threw (PostgreSQL did not answer); nobody will take it now
      const lost = waiting.filter((_, k) => states[k] === 'unknown' || states[k] === 'failed');
      const marked = await this.store.endQueued(lost, 'interrupted', {
        code: 'INTERRUPTED',
        message: 'the job of this execution was lost before any instance took it',
      });
      if (marked) this.logger.warn(`Marked ${marked} queued execution(s) whose job was lost as interrupted`);
      return marked;
    } catch (error) {
      this.logger.warn(`looking for lost jobs failed: ${String(error)}`);
      return 0;
    } finally {
      this.checking = false;
    }
  }

  /** `executions.<database>.<digest of its server>`: the same for every instance on one database, however they reach it. */
  private async queueName(): Promise<string> {
    const { rows } = await sql<{ database: string; server: string }>`
      select current_database() as database,
             coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port()::text, '') as server`.execute(
      this.db,
    );
    const [{ database, server }] = rows;
    const digest = createHash('sha256').update(server).digest('hex').slice(0, 8);
    return `executions.${database.replace(/[^A-Za-z0-9_-]/g, '_')}.${digest}`;
  }
}

import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import {
  ApiErrorBody,
  DebugAction,
  DebugChanges,
  DoneEvent,
  DebugOptions,
  ExecutionDetail,
  ExecutionStatus,
  isFinalStatus,
  LogEntry,
  LogLevel,
} from '@chariot/contract';
import { ApiException, AuthenticatedUser, CLOCK, Clock, ID_SOURCE, IdSource, notFound } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { RunLimits, RunOutcome, RuntimeService } from '@chariot/api-runtime';
import { ExecutionRow, ExecutionStore, toDetail, toDone } from './execution-store';
import { LiveExecution } from './live-execution';
import { LogTail } from './log-tail';
import { ExecutionMetrics } from './execution-metrics';
import { ExecutionQueue } from './execution-queue';
import { QuotaGate, StorageQuota } from './storage-quota';
import { InstanceLease } from './instance-lease';
import { LogPublisher } from './cluster/log-publisher';
import { RemoteExecutions } from './cluster/remote-executions';
import { ControlChannel, ControlCommand, ControlReply } from './cluster/control-channel';
import { ExecutionJob, JobOutcome, WorkQueue } from './cluster/work-queue';

/** An execution let in, with what it needs to start once it has a place. */
interface Admitted {
  live: LiveExecution;
  program: string;
  debug: DebugOptions | undefined;
  /** Its row is stored: it may be started, cancelled or marked running. */
  recorded: Promise<void>;
}

/**
 * Owns every execution: records it, starts it on the runtime, stores its log, records how it
 * ended, and deletes it once retention has passed. Another user's execution answers 404, exactly
 * as an unknown id does, so ids cannot be probed.
 */
@Injectable()
export class ExecutionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Execution');
  /** Executions of this process that have not ended: queued, starting or running. */
  private readonly live = new Map<string, LiveExecution>();
  /** How many of `live` each user has (their quota counts running and queued ones). */
  private readonly owned = new Map<string, number>();
  private readonly queue: ExecutionQueue<Admitted>;
  /** Bytes of log each user keeps stored, checked as lines are written. */
  private readonly quota: StorageQuota;
  /** Places taken to run: launched, or leaving the queue for their start. */
  private running = 0;
  private closing = false;

  constructor(
    private readonly runtime: RuntimeService,
    private readonly store: ExecutionStore,
    private readonly config: AppConfig,
    private readonly metrics: ExecutionMetrics,
    private readonly lease: InstanceLease,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
    // absent in unit specs, which run one process
    @Optional() private readonly publisher?: LogPublisher,
    @Optional() private readonly remote?: RemoteExecutions,
    @Optional() private readonly control?: ControlChannel,
    @Optional() private readonly work?: WorkQueue,
  ) {
    this.queue = new ExecutionQueue(config.MAX_QUEUED);
    this.quota = new StorageQuota(
      config.MAX_STORED_BYTES_PER_USER,
      (owner) => store.storedLogBytes(owner),
      (error) => this.logger.error({ msg: 'reading the log bytes a user stored failed', error: String(error) }),
    );
  }

  async onModuleInit(): Promise<void> {
    await this.lease.start();
    await this.control?.serve((command) => this.onControl(command));
    await this.work?.serve((job) => this.runJob(job));
  }

  /**
   * Starts a program in the background (see start) and returns its id. In a cluster it is stored
   * `queued` and added to the shared queue, and whichever instance has room runs it.
   */
  async submit(user: AuthenticatedUser, program: string, debug?: DebugOptions, file?: string): Promise<string> {
    if (!this.work?.active) return (await this.start(user, program, debug, file)).id;
    return this.enqueue(user, program, debug, file);
  }

  /**
   * Records a program (with the saved `file` it came from, when named) and starts it in the
   * background, under the debugger when `debug` is given, or queues it when every place to run
   * is taken.
   */
  async start(user: AuthenticatedUser, program: string, debug?: DebugOptions, file?: string): Promise<LiveExecution> {
    this.checkProgramSize(program);
    const runNow = this.admit(user);
    const status = runNow ? 'running' : 'queued';
    const live = this.newLive(this.ids.uuid(), user.id, status);
    const admitted: Admitted = {
      live,
      program,
      debug,
      recorded: this.record(this.newRow(live.id, user, program, status, file), this.lease.id),
    };
    // The place, running or queued, is taken in the same synchronous step as the checks, so
    // concurrent starts count against the limits and keep their order.
    this.track(live);
    if (runNow) this.running++;
    else this.queue.enqueue(user.id, admitted);
    try {
      await admitted.recorded;
    } catch (error) {
      this.untrack(live);
      // A queued one that already left the queue gives its place back in startQueued.
      if (runNow) this.release();
      else this.queue.remove(user.id, (a) => a === admitted);
      throw error;
    }
    if (runNow) this.launch(admitted);
    else
      this.logger.log({ msg: 'execution queued', execution_id: live.id, user: user.username, queued: this.queue.size });
    return live;
  }

  /** A new execution's row, queued or running from now. */
  private newRow(
    id: string,
    user: AuthenticatedUser,
    program: string,
    status: 'queued' | 'running',
    file: string | undefined,
  ): ExecutionRow {
    const now = this.clock.now().toISOString();
    return {
      id,
      owner_id: user.id,
      owner: user.username,
      program,
      status,
      created_at: now,
      started_at: status === 'running' ? now : null,
      finished_at: null,
      result_json: null,
      error_json: null,
      entry_count: 0,
      dropped_count: 0,
      progress_percent: null,
      progress_message: null,
      file_name: file ?? null,
    };
  }

  /** The in-memory side of an execution of this process, publishing to the cluster when there is one. */
  private newLive(id: string, ownerId: string, status: 'queued' | 'running'): LiveExecution {
    const publication = this.publisher?.publication();
    const live = new LiveExecution(
      id,
      ownerId,
      this.store,
      (batch) => {
        this.metrics.entriesStored(batch, this.clock.epochMs());
        publication?.stored(batch);
      },
      status,
      new LogTail(this.config.LOG_TAIL_ENTRIES, this.config.LOG_TAIL_BYTES),
    );
    publication?.attach(live);
    return live;
  }

  /**
   * Stores a new execution, as run by `instance` (null: waiting in the cluster's shared queue).
   * In a cluster the user's quota counts their queued and running executions on every instance
   * (in PostgreSQL, one user at a time), so it is refused with 429 whichever instance gets the one
   * too many; so is one more than MAX_QUEUED waiting in the shared queue.
   */
  private async record(row: ExecutionRow, instance: string | null): Promise<void> {
    const limits = this.config.clustered
      ? {
          perOwner: this.config.MAX_CONCURRENT_PER_USER,
          ...(instance === null ? { sharedQueued: this.config.MAX_QUEUED } : {}),
        }
      : undefined;
    const stored = await this.store.insert(row, instance, limits);
    if (stored === 'owner-limit') {
      const limit = this.config.MAX_CONCURRENT_PER_USER;
      throw new ApiException(
        429,
        'TOO_MANY_EXECUTIONS',
        `You already have ${limit} executions running or queued across the cluster (limit ${limit}); wait for one to end or cancel it`,
      );
    }
    if (stored === 'queue-full') {
      throw new ApiException(
        429,
        'SERVER_BUSY',
        `${this.config.MAX_QUEUED} executions wait to start across the cluster; try again shortly`,
      );
    }
  }

  /** Stores an execution `queued` in the cluster's shared queue and adds its job; resolves with its id. */
  private async enqueue(
    user: AuthenticatedUser,
    program: string,
    debug: DebugOptions | undefined,
    file: string | undefined,
  ): Promise<string> {
    const work = this.work as WorkQueue;
    this.checkProgramSize(program);
    const id = this.ids.uuid();
    await this.record(this.newRow(id, user, program, 'queued', file), null);
    try {
      await work.add({ executionId: id, ...(debug ? { debug } : {}) });
    } catch (error) {
      this.logger.error({ msg: 'adding the job of an execution failed', execution_id: id, error: String(error) });
      const failure = { code: 'QUEUE_UNAVAILABLE', message: 'the work queue did not take the execution' };
      await this.store
        .finish(id, { status: 'failed', error: failure, droppedCount: 0, variables: null })
        .catch(() => undefined);
      throw new ApiException(503, 'QUEUE_UNAVAILABLE', 'The work queue (Redis) did not answer; try again shortly');
    }
    this.logger.log({ msg: 'execution queued', execution_id: id, user: user.username, queue: work.name });
    return id;
  }

  /**
   * A delivery of a job from the shared queue: claims the execution for this instance and runs it
   * to its end; does nothing when it was claimed before (a job delivered again), cancelled or
   * marked interrupted meanwhile.
   */
  private async runJob({ executionId, debug }: ExecutionJob): Promise<JobOutcome> {
    // Thrown, not skipped: the job goes back to the queue for another instance.
    if (this.closing) throw new Error('this instance is stopping');
    const claimed = await this.store.claim(executionId, this.lease.id, this.clock.now().toISOString());
    if (!claimed) {
      this.metrics.jobDelivered('not-queued');
      return 'not-queued';
    }
    this.metrics.jobDelivered('ran');
    const live = this.newLive(claimed.id, claimed.owner_id, 'running');
    this.track(live);
    this.running++;
    this.logger.log({ msg: 'execution claimed', execution_id: live.id });
    this.launch({ live, program: claimed.program, debug, recorded: Promise.resolve() });
    await live.finished;
    return 'ran';
  }

  /**
   * Runs a program and resolves with how it ended, once that is stored. In a cluster it runs here
   * when this instance has a free place, and otherwise on whichever instance takes it from the queue.
   */
  async runToEnd(user: AuthenticatedUser, program: string, file?: string): Promise<{ id: string; done: DoneEvent }> {
    if (this.work?.active && !(this.config.RUNS_EXECUTIONS && this.running < this.config.MAX_CONCURRENT_TOTAL)) {
      const id = await this.enqueue(user, program, undefined, file);
      return { id, done: await this.endOf(id) };
    }
    const live = await this.start(user, program, undefined, file);
    await live.finished;
    // finished resolves only after the outcome is stored: reading it back would only repeat it
    return { id: live.id, done: live.done as DoneEvent };
  }

  /** How an execution of the cluster ends, wherever it runs: followed over Redis, or read once it has ended. */
  private async endOf(id: string): Promise<DoneEvent> {
    const remote = await this.remote?.follow(id);
    if (remote) {
      const done = await new Promise<DoneEvent>((resolve) => {
        const listener = {
          wake: () => {
            if (!remote.done) return;
            remote.listeners.delete(listener);
            resolve(remote.done);
          },
        };
        remote.listeners.add(listener);
        listener.wake();
      });
      return done;
    }
    const row = await this.store.get(id);
    if (!row) throw notFound('Execution');
    return toDone(row);
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
    const live = this.live.get(id);
    if (live || row.status !== 'running') return toDetail(row, live?.paused ?? null);
    // Paused (or not) on the instance that runs it: asked there.
    const reply = await this.forward(id, { type: 'inspect', executionId: id });
    return toDetail(row, reply?.ok ? (reply.paused ?? null) : null);
  }

  /**
   * Ends the pause of a debugged run with the user's action (and new breakpoints or watches,
   * when given); 409 NOT_PAUSED when it is not paused.
   */
  async debug(id: string, user: AuthenticatedUser, action: DebugAction, changes: DebugChanges = {}): Promise<void> {
    await this.get(id, user);
    const live = this.live.get(id);
    const done = live
      ? this.debugHere(live, action, changes)
      : (await this.forward(id, { type: 'debug', executionId: id, action, ...changes }))?.ok;
    if (!done) throw new ApiException(409, 'NOT_PAUSED', 'The execution is not paused at a breakpoint');
  }

  private debugHere(live: LiveExecution, action: DebugAction, changes: DebugChanges): boolean {
    return !live.done && !!live.run?.resume(action, changes.breakpoints, changes.watches);
  }

  list(user: AuthenticatedUser, status: ExecutionStatus | undefined, limit: number, offset: number) {
    return this.store.list(user.id, status, limit, offset);
  }

  /**
   * The execution when it is queued or runs in this process, or, in a cluster, runs on another
   * instance (undefined when it has ended, or runs elsewhere without a cluster), once the user is
   * known to own it: 404 otherwise. A live one is checked in memory,
   * any other with one lookup of its owner, so opening a stream reads no row in full.
   */
  async ownedLive(id: string, user: AuthenticatedUser): Promise<LiveExecution | undefined> {
    const live = this.live.get(id);
    if (live) {
      if (live.ownerId !== user.id) throw notFound('Execution');
      return live;
    }
    if ((await this.store.ownerOf(id)) !== user.id) throw notFound('Execution');
    // Running on another instance of a cluster: followed over Redis (otherwise read from storage).
    return this.remote?.follow(id);
  }

  async entries(
    id: string,
    user: AuthenticatedUser,
    query: { after: number; limit: number; levels?: LogLevel[]; text?: string },
  ): Promise<LogEntry[]> {
    await this.get(id, user);
    const live = this.live.get(id);
    return this.store.readEntries(id, { ...query, upTo: live && !live.done ? live.storedSeq : undefined });
  }

  async cancel(id: string, user: AuthenticatedUser): Promise<ExecutionRow> {
    let row = await this.get(id, user);
    const live = this.live.get(id);
    if (!live && row.status === 'queued' && this.work?.active) {
      const error = { code: 'CANCELLED', message: 'execution cancelled while queued' };
      if (await this.store.endQueued([id], 'cancelled', error)) {
        await this.work.remove(id);
        this.publisher?.publishEnd(id, { status: 'cancelled', error });
        return this.get(id, user);
      }
      // An instance claimed it meanwhile: cancelled where it runs.
      row = await this.get(id, user);
    }
    const forwarded =
      live || isFinalStatus(row.status as ExecutionStatus)
        ? undefined
        : await this.forward(id, { type: 'cancel', executionId: id });
    if (forwarded?.ok) return this.get(id, user);
    if (forwarded?.code === 'INSTANCE_UNREACHABLE') throw new ApiException(503, forwarded.code, forwarded.message);
    if (!live || live.done || isFinalStatus(row.status as ExecutionStatus)) {
      throw new ApiException(409, 'ALREADY_FINISHED', `Execution already ended with status ${row.status}`);
    }
    await this.cancelHere(live);
    return this.get(id, user);
  }

  /** Cancels an execution of this process and resolves once its end is stored. */
  private async cancelHere(live: LiveExecution): Promise<void> {
    if (this.queue.remove(live.ownerId, (a) => a.live === live)) {
      await this.endUnstarted(live, 'cancelled', { code: 'CANCELLED', message: 'execution cancelled while queued' });
    } else if (live.run) {
      live.run.stop('cancelled');
    } else {
      live.cancelRequested = true;
    }
    await live.finished;
  }

  /**
   * In a cluster, sends a cancel or debugger command to the instance that runs the execution and
   * resolves to its answer; undefined when it runs nowhere else (not clustered, or not another
   * instance's).
   */
  private async forward(id: string, command: ControlCommand): Promise<ControlReply | undefined> {
    if (!this.control || !this.config.clustered) return undefined;
    const instance = await this.store.instanceOf(id);
    if (!instance || instance === this.lease.id) return undefined;
    return (
      (await this.control.send(instance, command)) ?? {
        ok: false,
        code: 'INSTANCE_UNREACHABLE',
        message: `The instance running this execution (${instance}) did not answer; if it has stopped, the execution is marked interrupted within ${this.config.LEASE_TIMEOUT_MS} ms`,
      }
    );
  }

  /** A command from another instance for an execution of this process. */
  private async onControl(command: ControlCommand): Promise<ControlReply> {
    const live = this.live.get(command.executionId);
    if (command.type === 'inspect') return { ok: true, paused: live?.paused ?? null };
    if (command.type === 'cancel') {
      if (!live || live.done) return { ok: false, code: 'ALREADY_FINISHED', message: 'Execution already ended' };
      await this.cancelHere(live);
      return { ok: true };
    }
    return live && this.debugHere(live, command.action, { breakpoints: command.breakpoints, watches: command.watches })
      ? { ok: true }
      : { ok: false, code: 'NOT_PAUSED', message: 'The execution is not paused at a breakpoint' };
  }

  async delete(id: string, user: AuthenticatedUser): Promise<void> {
    const row = await this.get(id, user);
    if (this.live.has(id) || !isFinalStatus(row.status as ExecutionStatus)) {
      throw new ApiException(409, 'EXECUTION_RUNNING', 'Cancel the execution before deleting it');
    }
    await this.store.delete(id);
  }

  /** Places taken to run in this process (at most MAX_CONCURRENT_TOTAL). */
  get runningCount(): number {
    return this.running;
  }

  /** Executions of this process waiting for a place. */
  get queuedCount(): number {
    return this.queue.size;
  }

  /** Debugged runs of this process waiting at a pause. */
  get pausedCount(): number {
    return [...this.live.values()].filter((l) => l.paused !== null).length;
  }

  /** Deletes ended executions past the retention age or beyond the newest N of each user. */
  @Cron('0 * * * * *', { name: 'execution-retention' })
  async removeExpired(): Promise<number> {
    const cutoff = new Date(this.clock.epochMs() - this.config.RETENTION_MINUTES * 60_000).toISOString();
    const ids = (await this.store.expiredIds(cutoff, this.config.RETENTION_MAX_PER_USER)).filter(
      (id) => !this.live.has(id),
    );
    for (const id of ids) await this.store.delete(id);
    if (ids.length) this.logger.log(`Retention removed ${ids.length} execution(s)`);
    return ids.length;
  }

  onApplicationShutdown(): void {
    // Their rows stay 'queued' or 'running' and are marked interrupted at the next start;
    // nothing leaves the queue while the running ones stop.
    this.closing = true;
    this.queue.clear();
    for (const live of this.live.values()) live.run?.stop('cancelled');
  }

  /**
   * Whether a new execution of this user runs at once (true) or waits in the queue (false);
   * 429 when the user is at their quota of running and queued executions, or the queue is full.
   */
  private admit(user: AuthenticatedUser): boolean {
    const mine = this.owned.get(user.id) ?? 0;
    if (mine >= this.config.MAX_CONCURRENT_PER_USER) {
      throw new ApiException(
        429,
        'TOO_MANY_EXECUTIONS',
        `You already have ${mine} executions running or queued (limit ${this.config.MAX_CONCURRENT_PER_USER}); wait for one to end or cancel it`,
      );
    }
    // A free place means an empty queue: drain() fills every place that frees.
    if (this.running < this.config.MAX_CONCURRENT_TOTAL) return true;
    if (this.queue.isFull) {
      throw new ApiException(
        429,
        'SERVER_BUSY',
        `The server runs its limit of ${this.config.MAX_CONCURRENT_TOTAL} executions and ${this.queue.size} wait to start; try again shortly`,
      );
    }
    return false;
  }

  /** Starts the script of an execution whose row is stored and whose place is taken; the place is given back when it ends. */
  private launch(admitted: Admitted): void {
    // every line goes through the user's storage quota: the run starts once their stored total is known
    const quota = this.quota.open(admitted.live.ownerId);
    void quota.ready.then(() => this.startRun(admitted, quota));
  }

  private startRun({ live, program, debug }: Admitted, quota: QuotaGate): void {
    try {
      live.run = this.runtime.start(
        { program, limits: this.limits(), env: this.scriptEnv(), debug },
        {
          log: (level, message, timestamp) => {
            const verdict = quota.admit(message);
            if (verdict !== 'drop')
              live.append(
                verdict === 'keep' ? level : 'WARN',
                verdict === 'keep' ? message : quota.noticeText(),
                timestamp,
              );
          },
          progress: (percent, message) => live.setProgress({ percent, message }),
          paused: (event) => live.pause(event),
          resumed: (action) => live.resume(action),
        },
      );
    } catch (error) {
      this.logger.error({ msg: 'starting an execution failed', execution_id: live.id, error: String(error) });
      quota.close();
      void this.endUnstarted(live, 'failed', {
        code: 'INTERNAL_ERROR',
        message: 'the execution could not be started',
      }).finally(() => this.release());
      return;
    }
    if (live.cancelRequested) live.run.stop('cancelled');
    this.logger.log({ msg: 'execution started', execution_id: live.id });
    void live.run.outcome
      .then((outcome) => this.settle(live, { ...outcome, droppedEntries: outcome.droppedEntries + quota.dropped }))
      .then(() => this.recordLogBytes(live, quota))
      .finally(() => this.release());
  }

  /** Gives a place back and hands it to whoever waits. */
  private release(): void {
    this.running--;
    this.drain();
  }

  /** Fills every free place from the queue, in its fair order. */
  private drain(): void {
    while (!this.closing && this.running < this.config.MAX_CONCURRENT_TOTAL) {
      const next = this.queue.next();
      if (!next) return;
      this.running++;
      void this.startQueued(next);
    }
  }

  /** A queued execution got a place: its row says running (and since when) before anyone hears it. */
  private async startQueued(admitted: Admitted): Promise<void> {
    const { live } = admitted;
    try {
      await admitted.recorded;
    } catch {
      // Its insert failed, and its request was answered with that error.
      this.release();
      return;
    }
    try {
      await this.store.markStarted(live.id, this.clock.now().toISOString());
    } catch (error) {
      this.logger.error({ msg: 'starting a queued execution failed', execution_id: live.id, error: String(error) });
      await this.endUnstarted(live, 'failed', {
        code: 'INTERNAL_ERROR',
        message: 'the execution could not be started',
      });
      this.release();
      return;
    }
    live.markRunning();
    this.launch(admitted);
  }

  /** Ends an execution whose script never ran: cancelled while queued, or it could not start. */
  private endUnstarted(live: LiveExecution, status: 'cancelled' | 'failed', error: ApiErrorBody): Promise<void> {
    return this.settle(live, { status, error, droppedEntries: 0, variables: null });
  }

  private async settle(live: LiveExecution, outcome: RunOutcome): Promise<void> {
    try {
      await live.finish(
        outcome.status === 'succeeded'
          ? { status: 'succeeded', result: outcome.value }
          : { status: outcome.status, error: outcome.error },
        outcome.droppedEntries,
        outcome.variables,
      );
      this.metrics.finished(outcome.status);
      this.logger.log({
        msg: 'execution ended',
        execution_id: live.id,
        status: outcome.status,
        entries: live.storedSeq,
        dropped: outcome.droppedEntries,
      });
    } catch (error) {
      this.logger.error({
        msg: 'recording the end of an execution failed',
        execution_id: live.id,
        error: String(error),
      });
      // The run has ended whatever went wrong: record that much, so its stream, waiting
      // requests, cancel and retention do not wait for an end that was never stored.
      if (!live.done) {
        const failure = {
          status: 'failed' as const,
          error: { code: 'INTERNAL_ERROR', message: 'the end of this execution could not be recorded' },
        };
        await live.finish(failure, outcome.droppedEntries, null).catch((again: unknown) => {
          this.logger.error({
            msg: 'recording the failure of an execution failed too',
            execution_id: live.id,
            error: String(again),
          });
          // not even that could be stored: end it here, its row is marked interrupted at the next start
          live.end(failure);
        });
      }
    } finally {
      this.untrack(live);
    }
  }

  /** Writes the bytes of an ended run's log beside it, then lets its quota go. */
  private async recordLogBytes(live: LiveExecution, quota: QuotaGate): Promise<void> {
    try {
      if (quota.bytes) await this.store.setLogBytes(live.id, quota.bytes);
    } catch (error) {
      this.logger.error({
        msg: 'recording the log bytes of an execution failed',
        execution_id: live.id,
        error: String(error),
      });
    } finally {
      quota.close();
    }
  }

  private track(live: LiveExecution): void {
    this.live.set(live.id, live);
    this.owned.set(live.ownerId, (this.owned.get(live.ownerId) ?? 0) + 1);
  }

  private untrack(live: LiveExecution): void {
    if (!this.live.delete(live.id)) return;
    const left = (this.owned.get(live.ownerId) ?? 1) - 1;
    if (left) this.owned.set(live.ownerId, left);
    else this.owned.delete(live.ownerId);
  }

  private limits(): RunLimits {
    return {
      timeoutMs: this.config.EXECUTION_TIMEOUT_MS,
      pauseTimeoutMs: this.config.DEBUG_PAUSE_TIMEOUT_MS,
      totalPauseMs: this.config.DEBUG_TOTAL_PAUSE_MS,
      memoryMb: this.config.EXECUTION_MEMORY_MB,
      maxLogEntries: this.config.MAX_LOG_ENTRIES,
      maxLogBytes: this.config.MAX_LOG_BYTES,
      maxResultBytes: this.config.MAX_RESULT_BYTES,
      maxMessageBytes: this.config.MAX_MESSAGE_BYTES,
      language: { maxSteps: this.config.EXECUTION_MAX_STEPS, maxCallDepth: this.config.EXECUTION_MAX_CALL_DEPTH },
    };
  }

  private scriptEnv(): Record<string, string> {
    const names = this.config.SCRIPT_ENV_ALLOWLIST.split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    return Object.fromEntries(
      names.filter((n) => process.env[n] !== undefined).map((n) => [n, process.env[n] as string]),
    );
  }

  private checkProgramSize(program: string): void {
    if (Buffer.byteLength(program, 'utf8') > this.config.MAX_PROGRAM_BYTES) {
      throw new ApiException(413, 'PROGRAM_TOO_LARGE', `Program exceeds ${this.config.MAX_PROGRAM_BYTES} bytes`);
    }
  }
}

/** The row when it is the user's; another user's execution is as unknown as a missing one. */
function ownedBy<T extends { owner_id: string }>(user: AuthenticatedUser, row: T | undefined): T {
  if (!row || row.owner_id !== user.id) throw notFound('Execution');
  return row;
}

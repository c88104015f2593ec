import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@chariot/api-config';
import { ExecutorPool } from './executor-pool';
import type { WorkerFactory } from './executor-thread';
import { RunRequest, RunSink, ScriptRun } from './script-run';

/** Injection token of the function that starts an executor thread. */
export const WORKER_FACTORY = Symbol('WORKER_FACTORY');

/**
 * Runs Chariot programs on a fixed pool of executor threads (EXECUTOR_THREADS), many per
 * thread; each run has its own runtime state, so nothing leaks between runs or users.
 */
@Injectable()
export class RuntimeService implements OnApplicationShutdown {
  private readonly pool: ExecutorPool;

  constructor(@Inject(WORKER_FACTORY) createWorker: WorkerFactory, config: AppConfig) {
    this.pool = new ExecutorPool(createWorker, config.EXECUTOR_THREADS, config.EXECUTOR_MEMORY_MB);
  }

  start(request: RunRequest, sink: RunSink): ScriptRun {
    return this.pool.start(request, sink);
  }

  onApplicationShutdown(): void {
    this.pool.close();
  }
}

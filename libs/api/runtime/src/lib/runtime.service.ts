import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@chariot/api-config';
import { RunRequest, RunSink, ScriptRun, WorkerFactory } from './script-runner';
import { WorkerPool } from './worker-pool';

/** Injection token of the function that starts a script worker thread. */
export const WORKER_FACTORY = Symbol('WORKER_FACTORY');

/** Runs each Chariot program in a fresh worker thread, so nothing leaks between runs or users. */
@Injectable()
export class RuntimeService implements OnApplicationShutdown {
  private readonly pool: WorkerPool;

  constructor(@Inject(WORKER_FACTORY) createWorker: WorkerFactory, config: AppConfig) {
    this.pool = new WorkerPool(
      () =>
        createWorker({
          resourceLimits: { maxOldGenerationSizeMb: config.WORKER_MEMORY_MB, maxYoungGenerationSizeMb: 32 },
          stdout: true,
          stderr: true,
        }),
      config.WORKER_POOL_SIZE,
    );
  }

  start(request: RunRequest, sink: RunSink): ScriptRun {
    return new ScriptRun(request, sink, this.pool.take());
  }

  onApplicationShutdown(): void {
    this.pool.close();
  }
}

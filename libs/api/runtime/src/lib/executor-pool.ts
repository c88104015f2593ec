import { Logger } from '@nestjs/common';
import { ExecutorThread, WorkerFactory } from './executor-thread';
import { RunRequest, RunSink, ScriptRun } from './script-run';

/**
 * The fixed set of executor threads, started with the server and kept for its whole life. Each
 * run goes to the thread hosting the fewest; a thread that dies is replaced at once.
 */
export class ExecutorPool {
  private readonly logger = new Logger('Runtime');
  private readonly threads: ExecutorThread[] = [];
  private nextRunId = 0;
  private closed = false;

  constructor(
    private readonly createWorker: WorkerFactory,
    size: number,
    private readonly heapMb: number,
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.startThread());
  }

  start(request: RunRequest, sink: RunSink): ScriptRun {
    if (this.closed) throw new Error('the executor pool is closed');
    let thread = this.threads[0];
    for (const candidate of this.threads) if (candidate.runs.size < thread.runs.size) thread = candidate;
    const run = new ScriptRun(String(++this.nextRunId), request, sink, thread);
    thread.adopt(run);
    return run;
  }

  get size(): number {
    return this.threads.length;
  }

  close(): void {
    this.closed = true;
    for (const thread of this.threads) thread.close();
  }

  private startThread(): ExecutorThread {
    return new ExecutorThread(this.createWorker, this.heapMb, (ended, why) => {
      if (this.closed) return;
      this.logger.error(
        `an executor thread stopped (${why}); its executions ended as EXECUTOR_CRASHED; starting another`,
      );
      this.threads[this.threads.indexOf(ended)] = this.startThread();
    });
  }
}

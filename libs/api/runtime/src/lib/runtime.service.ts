import { Inject, Injectable } from '@nestjs/common';
import { RunRequest, RunSink, ScriptRun, WorkerFactory } from './script-runner';

/** Injection token of the function that starts a script worker thread. */
export const WORKER_FACTORY = Symbol('WORKER_FACTORY');

/** Runs each Chariot program in a fresh worker thread, so nothing leaks between runs or users. */
@Injectable()
export class RuntimeService {
  constructor(@Inject(WORKER_FACTORY) private readonly createWorker: WorkerFactory) {}

  start(request: RunRequest, sink: RunSink): ScriptRun {
    return new ScriptRun(request, sink, this.createWorker);
  }
}

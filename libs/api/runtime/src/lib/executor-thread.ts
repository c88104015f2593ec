import { MessageChannel, MessagePort, Worker, WorkerOptions } from 'node:worker_threads';
import type { BreakpointLike, DebugAction } from '@chariot/contract';
import type { FromExecutor, LogsTaken, ResumeRun, StartRun, StopRun, ToExecutor } from './executor/protocol';
import { CONTROL_BYTES, STOPS_POSTED } from './executor/protocol';
import { TurnOutbox } from './executor/turn-outbox';
import type { RunHost, ScriptRun } from './script-run';

/** Starts an executor thread; replaced in tests to run the TypeScript source. */
export type WorkerFactory = (options: WorkerOptions) => Worker;

/**
 * One executor thread as the main thread sees it: the runs it hosts, the messages to and from
 * it, and its end. If the thread dies (V8 out of memory, a bug), every run on it ends with
 * EXECUTOR_CRASHED and `onEnded` lets the pool start another.
 */
export class ExecutorThread implements RunHost {
  readonly runs = new Map<string, ScriptRun>();
  private readonly worker: Worker;
  private readonly control: MessagePort;
  private readonly stopsPosted = new Int32Array(new SharedArrayBuffer(CONTROL_BYTES));
  private readonly outbox: TurnOutbox<ToExecutor>;
  private ended = false;

  constructor(
    createWorker: WorkerFactory,
    heapMb: number,
    private readonly onEnded: (thread: ExecutorThread, why: string) => void,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.control = port1;
    this.worker = createWorker({
      workerData: { control: port2, stops: this.stopsPosted.buffer },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 },
    });
    this.outbox = new TurnOutbox((messages) => {
      if (!this.ended) this.worker.postMessage(messages);
    });
    this.worker.on('message', (messages: FromExecutor[]) => {
      for (const message of messages) this.receive(message);
    });
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.end(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `out of memory: the thread's heap of ${heapMb} MiB is full`
          : error.message,
      ),
    );
    this.worker.on('exit', (code) => this.end(`exit code ${code}`));
  }

  adopt(run: ScriptRun): void {
    this.runs.set(run.id, run);
  }

  send(start: StartRun): void {
    this.outbox.add(start);
  }

  stop(id: string): void {
    this.control.postMessage({ type: 'stop', id } satisfies StopRun);
    Atomics.add(this.stopsPosted, STOPS_POSTED, 1);
  }

  resume(id: string, action: DebugAction, breakpoints?: BreakpointLike[], watches?: string[]): void {
    this.outbox.add({
      type: 'resume',
      id,
      action,
      ...(breakpoints ? { breakpoints } : {}),
      ...(watches ? { watches } : {}),
    } satisfies ResumeRun);
  }

  forget(id: string): void {
    this.runs.delete(id);
  }

  recycle(reason: string): void {
    if (this.ended) return;
    this.end(reason);
    void this.worker.terminate();
  }

  /** Ends the thread for good, with no replacement (server shutdown). */
  close(): void {
    this.ended = true;
    this.control.close();
    void this.worker.terminate();
  }

  private receive(message: FromExecutor): void {
    if (message.type === 'logs') {
      for (const [id, lines] of message.batches) this.runs.get(id)?.logged(lines);
      this.outbox.add({ type: 'ack', ids: message.batches.map(([id]) => id) } satisfies LogsTaken);
      return;
    }
    this.runs.get(message.id)?.receive(message);
  }

  private end(why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.control.close();
    for (const run of [...this.runs.values()]) run.threadEnded(why);
    this.runs.clear();
    this.onEnded(this, why);
  }
}

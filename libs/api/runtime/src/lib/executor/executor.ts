import { HostedRun, RunContext } from './hosted-run';
import { LogPipe } from './log-pipe';
import type { FromExecutor, StopRun, ToExecutor } from './protocol';

/** Callbacks of the thread, passed around on their own (so properties, not methods bound to an object). */
export interface ExecutorOptions {
  /** Queues a message for the main thread; queued messages leave at the end of the turn. */
  post: (message: FromExecutor) => void;
  /** Sends the queued messages at once (progress and pauses are not held back). */
  postNow?: () => void;
  /** Delivers stops posted while a run computes inside a callback (the thread's control port). */
  receiveStops?: () => void;
  /** Longest stretch, in ms, one run computes before the others on the thread get their turn. */
  sliceMs?: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/**
 * Once the work under way (a message handler, a timer, one run's slice) is done, before the
 * other runs' slices: lines and ends are not held back behind their neighbours' time.
 */
export const afterWork = (work: () => void): void => queueMicrotask(work);

/**
 * The scheduler of one executor thread: starts the executions the main thread sends, delivers
 * their stops and debugger actions, and shares the thread between them. Runs that compute take
 * turns of one time slice (each yields to the event loop, where messages and timers are
 * handled, then the next run's turn comes); runs that wait hold nothing but their state.
 */
export class Executor {
  private readonly runs = new Map<string, HostedRun>();
  private readonly context: RunContext;

  constructor(options: ExecutorOptions) {
    this.context = {
      pipe: new LogPipe(options.post, afterWork),
      post: options.post,
      postNow: options.postNow ?? (() => undefined),
      checkpoint: options.receiveStops ?? (() => undefined),
      yieldSlice: nextTurn,
      sliceMs: options.sliceMs ?? 2,
    };
  }

  receive(message: ToExecutor | StopRun): void {
    switch (message.type) {
      case 'start': {
        const run = new HostedRun(message, this.context);
        this.runs.set(message.id, run);
        void run.run().then(() => this.runs.delete(message.id));
        break;
      }
      case 'stop':
        this.runs.get(message.id)?.stop();
        break;
      case 'resume':
        this.runs
          .get(message.id)
          ?.resume(message.action, { breakpoints: message.breakpoints, watches: message.watches });
        break;
      case 'ack':
        this.context.pipe.taken(message.ids);
        break;
    }
  }
}

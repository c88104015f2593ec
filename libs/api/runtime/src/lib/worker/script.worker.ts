/**
 * Entry point of a script worker thread: runs one Chariot program with host hooks that post
 * every log line to the parent the moment it is written. The evaluator is synchronous, so
 * `sleep` blocks this thread with Atomics.wait; the parent wakes it through `stopSignal` on
 * cancel, and terminates the thread for anything that does not stop by itself. A debugger
 * pause blocks the same way until the parent writes the chosen action.
 */
import { MessagePort, parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { ChariotError, LogLevel, runChariot } from '@chariot/language';
import type { DebugResume } from '@chariot/language';
import type { ApiErrorBody, PausedEvent } from '@chariot/contract';
import { MAX_VARIABLE_SNAPSHOTS, VARIABLE_PREVIEW_CHARS } from '@chariot/contract';
import type {
  WorkerBreakpoints,
  WorkerInput,
  WorkerLogEntry,
  WorkerMessage,
} from './worker-protocol';
import { ACK_SLOT, DEBUG_SLOT, decodeAction, MAX_BATCHES_IN_FLIGHT, NO_ACTION, STOP_SLOT } from './worker-protocol';
import { LogBudget } from './log-budget';

if (!parentPort) throw new Error('script.worker must run in a worker thread');
const port: MessagePort = parentPort;
const post = (message: WorkerMessage) => port.postMessage(message);

// A pooled worker starts ahead of time and waits here for the one script it will run.
port.once('message', (input: WorkerInput) => runScript(input));

function runScript(input: WorkerInput): void {
  const stop = new Int32Array(input.stopSignal);
  const budget = new LogBudget(input.maxLogEntries, input.maxLogBytes);

  class StopRequested extends Error {}

  // An isolated line is posted at once; a burst is posted in batches (every FLUSH_MS or
  // BATCH_LIMIT lines) so a log flood costs the main thread a few messages, not millions.
  const FLUSH_MS = 20;
  const BATCH_LIMIT = 512;
  let batch: WorkerLogEntry[] = [];
  let lastFlush = 0;
  let posted = 0;

  function flush(): void {
    if (batch.length) {
      // Flow control: a script that logs faster than the server can take the lines in waits
      // here, so the main thread never has a flood of messages to work through at once.
      while (posted - Atomics.load(stop, ACK_SLOT) >= MAX_BATCHES_IN_FLIGHT) {
        Atomics.wait(stop, ACK_SLOT, Atomics.load(stop, ACK_SLOT), 100);
        if (Atomics.load(stop, STOP_SLOT) !== 0)
          throw new StopRequested('stopped');
      }
      post({ type: 'logs', entries: batch });
      posted++;
    }
    batch = [];
    lastFlush = Date.now();
  }

  function log(level: LogLevel, message: string): void {
    const verdict = budget.admit(message);
    if (verdict === 'drop') return;
    const now = Date.now();
    batch.push(
      verdict === 'notice'
        ? { level: 'WARN', message: budget.noticeText(), timestamp: now }
        : { level, message, timestamp: now },
    );
    if (now - lastFlush >= FLUSH_MS || batch.length >= BATCH_LIMIT) flush();
  }

  function sleep(ms: number): void {
    flush();
    if (!(ms > 0)) return;
    Atomics.wait(stop, STOP_SLOT, 0, Math.min(ms, 2_147_483_647));
    if (Atomics.load(stop, STOP_SLOT) !== 0) throw new StopRequested('stopped');
  }

  /** Waits for the parent's action, waking every PAUSE_POLL_MS to notice a stop request. */
  function pause(event: PausedEvent): DebugResume {
    flush();
    Atomics.store(stop, DEBUG_SLOT, NO_ACTION);
    post({ type: 'paused', ...event });
    const PAUSE_POLL_MS = 100;
    for (;;) {
      Atomics.wait(stop, DEBUG_SLOT, NO_ACTION, PAUSE_POLL_MS);
      if (Atomics.load(stop, STOP_SLOT) !== 0) throw new StopRequested('stopped');
      const action = decodeAction(Atomics.load(stop, DEBUG_SLOT));
      if (action) return { action, breakpoints: changedBreakpoints() };
    }
  }

  /** The last breakpoints the parent posted with the action, if it did. */
  function changedBreakpoints(): number[] | undefined {
    let lines: number[] | undefined;
    for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
      const update = message.message as WorkerBreakpoints;
      if (update.type === 'breakpoints') lines = update.lines;
    }
    return lines;
  }

  function describe(error: unknown): ApiErrorBody {
    if (error instanceof ChariotError) {
      const body = error.toJSON();
      return { ...body, code: body.code };
    }
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { code: 'CALL_DEPTH', message: 'call depth exceeded' };
    }
    return {
      code: 'RUNTIME_ERROR',
      message: error instanceof Error ? error.message : String(error),
    };
  }

  try {
    const { value, variables } = runChariot(input.program, {
      host: {
        log,
        progress: (percent, message) => {
          flush();
          post({ type: 'progress', percent, message });
        },
        sleep,
        now: () => Date.now(),
        random: () => Math.random(),
        getEnv: (name) => input.env[name],
        pause,
      },
      limits: input.limits,
      debug: input.debug,
      snapshot: { previewChars: VARIABLE_PREVIEW_CHARS, maxVariables: MAX_VARIABLE_SNAPSHOTS },
    });
    flush();
    post({ type: 'done', ok: true, value, droppedEntries: budget.dropped, variables });
  } catch (error) {
    try {
      flush();
    } catch (flushError) {
      // Stopping: the parent reports how the run ended.
      if (flushError instanceof StopRequested) return;
      throw flushError;
    }
    if (!(error instanceof StopRequested))
      post({
        type: 'done',
        ok: false,
        error: describe(error),
        droppedEntries: budget.dropped,
        variables: error instanceof ChariotError ? (error.variables ?? null) : null,
      });
  }
}

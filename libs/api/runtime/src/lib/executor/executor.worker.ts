/**
 * Entry point of an executor thread: one of the fixed pool the server starts with. It hosts
 * many executions at once (see Executor) and lives as long as the server.
 */
import { MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { afterWork, Executor } from './executor';
import type { FromExecutor, StopRun, ToExecutor } from './protocol';
import { TurnOutbox } from './turn-outbox';
import { STOPS_POSTED } from './protocol';

if (!parentPort) throw new Error('executor.worker must run in a worker thread');
const port: MessagePort = parentPort;
const { control, stops } = workerData as { control: MessagePort; stops: SharedArrayBuffer };
const stopsPosted = new Int32Array(stops);
let stopsSeen = 0;

const outbox = new TurnOutbox<FromExecutor>((messages) => port.postMessage(messages), afterWork);
const executor = new Executor({
  post: (message) => outbox.add(message),
  postNow: () => outbox.flush(),
  // A run computing inside a builtin's callback cannot yield, so the event loop does not turn
  // and a stop would wait for the callback to end; the counter tells the checkpoint to read it.
  receiveStops: () => {
    const posted = Atomics.load(stopsPosted, STOPS_POSTED);
    if (posted === stopsSeen) return;
    stopsSeen = posted;
    for (let received = receiveMessageOnPort(control); received; received = receiveMessageOnPort(control)) {
      executor.receive(received.message as StopRun);
    }
  },
});
port.on('message', (messages: ToExecutor[]) => {
  for (const message of messages) executor.receive(message);
});
control.on('message', (message: StopRun) => executor.receive(message));

import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DebugAction, DebugChanges, PausedEvent } from '@chariot/contract';
import { AppConfig } from '@chariot/api-config';
import { RedisConnections } from './redis-connections';

/** What one instance asks of the instance that runs an execution. */
export type ControlCommand =
  | { type: 'cancel'; executionId: string }
  | { type: 'inspect'; executionId: string }
  | ({ type: 'debug'; executionId: string; action: DebugAction } & DebugChanges);

/**
 * The running instance's answer: done (with where the run is paused, for `inspect`), or the error
 * code it would have answered itself.
 */
export type ControlReply = { ok: true; paused?: PausedEvent | null } | { ok: false; code: string; message: string };

type Envelope =
  | { kind: 'request'; requestId: string; replyTo: string; command: ControlCommand }
  | { kind: 'reply'; requestId: string; reply: ControlReply };

/** How long a sender waits for the running instance's answer (a cancel answers once the run has ended). */
const REPLY_TIMEOUT_MS = 10_000;

const channelOf = (instance: string) => `chariot:control:${instance}`;

/**
 * Cancel, debugger actions and pause lookups across a cluster: each instance subscribes to its own Redis pub/sub
 * channel; a request for an execution that runs elsewhere is published to its instance's channel
 * and answered on the sender's. Pub/sub loses what nobody hears, which is right here: an instance
 * that is not listening is gone, and its executions are marked by the lease sweep.
 */
@Injectable()
export class ControlChannel implements OnApplicationShutdown {
  private readonly logger = new Logger('ControlChannel');
  private readonly waiting = new Map<string, (reply: ControlReply | undefined) => void>();
  private handler: ((command: ControlCommand) => Promise<ControlReply>) | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {}

  /** Listens on this instance's channel (when clustered), answering requests with `handler`. */
  async serve(handler: (command: ControlCommand) => Promise<ControlReply>): Promise<void> {
    if (!this.config.clustered) return;
    this.handler = handler;
    const subscriber = this.redis.subscriber;
    subscriber.on('message', (_channel: string, text: string) => void this.receive(JSON.parse(text) as Envelope));
    await subscriber.subscribe(channelOf(this.config.instanceId));
  }

  /** Sends a command to `instance`; undefined when it did not answer (not listening, or too slow). */
  send(instance: string, command: ControlCommand): Promise<ControlReply | undefined> {
    const requestId = randomUUID();
    const answered = new Promise<ControlReply | undefined>((resolve) => {
      const timer = setTimeout(() => this.settle(requestId, undefined), REPLY_TIMEOUT_MS);
      this.waiting.set(requestId, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
    const envelope: Envelope = { kind: 'request', requestId, replyTo: this.config.instanceId, command };
    this.redis.commands.publish(channelOf(instance), JSON.stringify(envelope)).then(
      (listeners) => listeners === 0 && this.settle(requestId, undefined),
      () => this.settle(requestId, undefined),
    );
    return answered;
  }

  onApplicationShutdown(): void {
    for (const requestId of [...this.waiting.keys()]) this.settle(requestId, undefined);
  }

  private async receive(envelope: Envelope): Promise<void> {
    if (envelope.kind === 'reply') {
      this.settle(envelope.requestId, envelope.reply);
      return;
    }
    let reply: ControlReply;
    try {
      reply = this.handler
        ? await this.handler(envelope.command)
        : { ok: false, code: 'NOT_RUNNING_HERE', message: 'not served' };
    } catch (error) {
      this.logger.error(`control ${envelope.command.type} of ${envelope.command.executionId} failed: ${String(error)}`);
      reply = { ok: false, code: 'INTERNAL_ERROR', message: 'the instance running the execution failed to act on it' };
    }
    const answer: Envelope = { kind: 'reply', requestId: envelope.requestId, reply };
    await this.redis.commands.publish(channelOf(envelope.replyTo), JSON.stringify(answer)).catch(() => undefined);
  }

  private settle(requestId: string, reply: ControlReply | undefined): void {
    const resolve = this.waiting.get(requestId);
    if (!resolve) return;
    this.waiting.delete(requestId);
    resolve(reply);
  }
}

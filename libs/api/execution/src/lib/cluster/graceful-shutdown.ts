import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@chariot/api-config';
import { ExecutionsService } from '../executions.service';
import { InstanceLease } from '../instance-lease';
import { LogPublisher } from './log-publisher';
import { WorkQueue } from './work-queue';

/** How often the grace period looks whether everything has ended. */
const CHECK_MS = 50;

/**
 * SIGTERM in a cluster: no more jobs are taken from the shared queue, the running executions get up to SHUTDOWN_GRACE_MS to end, then whatever
 * is left is marked `interrupted` and the lease is given up, before the HTTP server closes its
 * connections (open log streams end, and their clients reconnect to another instance, where
 * they get `done` `interrupted`). One process without Redis stops as before.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly config: AppConfig,
    private readonly executions: ExecutionsService,
    private readonly lease: InstanceLease,
    private readonly publisher: LogPublisher,
    private readonly work: WorkQueue,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.config.clustered) return;
    // Jobs not taken yet stay in the queue for the other instances.
    await this.work
      .stopTaking()
      .catch((error: unknown) => this.logger.warn(`pausing the queue failed: ${String(error)}`));
    const deadline = Date.now() + this.config.SHUTDOWN_GRACE_MS;
    const left = () => this.executions.runningCount + this.executions.queuedCount;
    if (left()) this.logger.log(`waiting up to ${this.config.SHUTDOWN_GRACE_MS} ms for ${left()} execution(s) to end`);
    while (left() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, CHECK_MS));
    this.publisher.stop();
    try {
      await this.lease.release();
    } catch (error) {
      this.logger.error(`giving up the lease failed; survivors mark what is left when it runs out: ${String(error)}`);
    }
  }
}

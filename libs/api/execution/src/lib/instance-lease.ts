import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { sql } from 'kysely';
import { AppConfig } from '@chariot/api-config';
import { ChariotDb, DATABASE } from '@chariot/api-storage';
import { ExecutionStore } from './execution-store';

/** The database's clock as ISO text, so that instances on hosts whose clocks differ agree on a lease's age. */
const dbNowIso = (minusMs = 0) =>
  sql<string>`to_char((now() - ${minusMs} * interval '1 millisecond') at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * This instance's claim on the executions it runs. With SQLite one process owns the database, so
 * at start every execution left queued or running is marked `interrupted`, as before instances.
 * With PostgreSQL several instances share it: at start an instance marks only what its own id left
 * running; while it lives it renews its lease every third of LEASE_TIMEOUT_MS, and marks the
 * executions of any instance whose lease has run out, so a dead instance's runs end within the
 * lease time wherever their streams are open.
 */
@Injectable()
export class InstanceLease implements OnApplicationShutdown {
  readonly id: string;
  private readonly logger = new Logger('Instance');
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    @Inject(DATABASE) private readonly db: ChariotDb,
    private readonly store: ExecutionStore,
    private readonly config: AppConfig,
  ) {
    this.id = config.instanceId;
  }

  /** Takes the lease and marks what this instance left behind; call before executions start. */
  async start(): Promise<void> {
    if (!this.config.usesPostgres) {
      this.reportInterrupted(await this.store.markInterrupted(), 'a previous process');
      return;
    }
    await this.renew();
    this.reportInterrupted(
      await this.store.markInterrupted({ instance: this.id }),
      `a previous process of instance ${this.id}`,
    );
    await this.sweep();
    this.timer = setInterval(
      () => {
        this.ticking = this.ticking.then(() => this.tick());
      },
      Math.floor(this.config.LEASE_TIMEOUT_MS / 3),
    );
    this.timer.unref();
    this.logger.log(`instance ${this.id} holds its lease (timeout ${this.config.LEASE_TIMEOUT_MS} ms)`);
  }

  /** Marks the executions of instances whose lease ran out, and forgets those leases; returns how many. */
  async sweep(): Promise<number> {
    const [cutoff] = await sql<{ at: string }>`select ${dbNowIso(this.config.LEASE_TIMEOUT_MS)} as at`
      .execute(this.db)
      .then((r) => r.rows.map((row) => row.at));
    const marked = await this.store.markInterrupted({ withoutLeaseSince: cutoff });
    this.reportInterrupted(marked, 'instances whose lease ran out');
    await this.db
      .deleteFrom('instance_leases')
      .where('renewed_at', '<', cutoff)
      .where('instance', '<>', this.id)
      .execute();
    return marked;
  }

  /**
   * Stopping for good: marks what this instance still has queued or running `interrupted` and gives
   * the lease up, so no survivor waits for it to run out.
   */
  async release(): Promise<void> {
    if (!this.config.usesPostgres) return;
    clearInterval(this.timer);
    await this.ticking;
    this.reportInterrupted(await this.store.markInterrupted({ instance: this.id }), `instance ${this.id}, stopping`);
    await this.db.deleteFrom('instance_leases').where('instance', '=', this.id).execute();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  private async tick(): Promise<void> {
    try {
      await this.renew();
      await this.sweep();
    } catch (error) {
      this.logger.error(`renewing the lease of instance ${this.id} failed: ${String(error)}`);
    }
  }

  private async renew(): Promise<void> {
    await this.db
      .insertInto('instance_leases')
      .values({ instance: this.id, started_at: dbNowIso(), renewed_at: dbNowIso() })
      .onConflict((oc) => oc.column('instance').doUpdateSet({ renewed_at: dbNowIso() }))
      .execute();
  }

  private reportInterrupted(count: number, whose: string): void {
    if (count) this.logger.warn(`Marked ${count} execution(s) left running by ${whose} as interrupted`);
  }
}

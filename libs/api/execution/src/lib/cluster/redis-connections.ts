import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@chariot/api-config';

/**
 * This instance's Redis connections, opened on first use when the instance is clustered:
 * `commands` for writes (XADD, PUBLISH, CLIENT UNBLOCK), `reader` for the one blocking XREAD loop
 * that serves every stream of this instance, `subscriber` for the control channel, `jobs` for the work queue. Five in all (with BullMQ's
 * blocking one), whatever the number of executions and clients.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly opened = new Map<string, Redis>();

  constructor(private readonly config: AppConfig) {}

  get commands(): Redis {
    return this.open('commands');
  }

  get reader(): Redis {
    return this.open('reader');
  }

  get subscriber(): Redis {
    return this.open('subscriber');
  }

  /** For the shared work queue (BullMQ adds one blocking connection of its own to take jobs). */
  get jobs(): Redis {
    return this.open('jobs');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.opened.values()].map((c) => c.quit().catch(() => c.disconnect())));
    this.opened.clear();
  }

  private open(role: string): Redis {
    let connection = this.opened.get(role);
    if (!connection) {
      // Commands wait while the connection is down rather than fail after a few retries: a
      // Redis restart delays live delivery, and PostgreSQL still has every entry.
      connection = new Redis(this.config.REDIS_URL, {
        maxRetriesPerRequest: null,
        connectionName: `chariot:${this.config.instanceId}:${role}`,
      });
      connection.on('error', (error: Error) => this.logger.warn(`${role} connection: ${error.message}`));
      this.opened.set(role, connection);
    }
    return connection;
  }
}

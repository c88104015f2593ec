import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '@chariot/api-config';
import { ChariotDb, migrateToLatest, openDatabase } from './database';
import { HealthController } from './health.controller';
import { DATABASE } from './tokens';

/** Opens SQLite (default) or PostgreSQL (DATABASE_URL) and migrates it before anything else starts. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [
    {
      provide: DATABASE,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<ChariotDb> => {
        const url = config.usesPostgres ? config.DATABASE_URL : config.databasePath;
        const db = openDatabase({ url });
        const applied = await migrateToLatest(db);
        new Logger('Storage').log(
          `${config.usesPostgres ? 'PostgreSQL' : `SQLite at ${url}`} ready` +
            (applied.length ? `, applied ${applied.join(', ')}` : ''),
        );
        return db;
      },
    },
  ],
  exports: [DATABASE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: ChariotDb) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}

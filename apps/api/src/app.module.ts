import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuthModule } from '@chariot/api-auth';
import { ClockAndIdsModule } from '@chariot/api-common';
import { AppConfig, ConfigModule, loadConfig, loggerOptions } from '@chariot/api-config';
import { ExecutionModule } from '@chariot/api-execution';
import { FilesModule } from '@chariot/api-files';
import { StorageModule } from '@chariot/api-storage';

/** The built IDE: STATIC_DIR when set, else the Angular build beside this bundle. */
function ideDirectory(): string | undefined {
  const configured = loadConfig().STATIC_DIR;
  const dir = configured ? resolve(configured) : join(__dirname, '..', 'charioteer', 'browser');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

const ide = ideDirectory();

@Module({
  imports: [
    ConfigModule,
    ClockAndIdsModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerOptions }),
    StorageModule,
    ScheduleModule.forRoot(),
    AuthModule,
    ExecutionModule,
    FilesModule,
    ...(ide ? [ServeStaticModule.forRoot({ rootPath: ide, exclude: ['/api/{*path}', '/login', '/logout'] })] : []),
  ],
})
export class AppModule {}

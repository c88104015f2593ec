import { Module } from '@nestjs/common';
import { RuntimeModule } from '@chariot/api-runtime';
import { ExecutionController } from './execution.controller';
import { ExecutionMetrics } from './execution-metrics';
import { ExecutionStore } from './execution-store';
import { ExecutionsService } from './executions.service';
import { InstanceLease } from './instance-lease';
import { ControlChannel } from './cluster/control-channel';
import { GracefulShutdown } from './cluster/graceful-shutdown';
import { LogPublisher } from './cluster/log-publisher';
import { RedisConnections } from './cluster/redis-connections';
import { RedisLogReader } from './cluster/redis-log-reader';
import { RemoteExecutions } from './cluster/remote-executions';
import { WorkQueue } from './cluster/work-queue';
import { FunctionsController } from './functions.controller';
import { LogsController } from './logs.controller';
import { LogStreams } from './log-streams';
import { MetricsController } from './metrics.controller';

/** Executions, their stored logs and live SSE streams, results, history, retention and metrics. */
@Module({
  imports: [RuntimeModule],
  controllers: [ExecutionController, LogsController, FunctionsController, MetricsController],
  providers: [
    ExecutionsService,
    ExecutionStore,
    ExecutionMetrics,
    LogStreams,
    InstanceLease,
    RedisConnections,
    LogPublisher,
    RedisLogReader,
    RemoteExecutions,
    ControlChannel,
    GracefulShutdown,
    WorkQueue,
  ],
  exports: [ExecutionsService],
})
export class ExecutionModule {}

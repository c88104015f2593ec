import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EXECUTION_STATUSES } from '@chariot/contract';
import { Public } from '@chariot/api-common';
import { ExecutionStore } from './execution-store';
import { ExecutionMetrics } from './execution-metrics';
import { ExecutionsService } from './executions.service';
import { LogStreams } from './log-streams';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly store: ExecutionStore,
    private readonly metrics: ExecutionMetrics,
    private readonly executions: ExecutionsService,
    private readonly streams: LogStreams,
  ) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary:
      'Prometheus metrics: executions by status, running, queued, paused, jobs of the cluster queue, active streams, bytes waiting on them, entries written, and how long a log line takes from the script to storage',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async metricsText(): Promise<string> {
    const byStatus = await this.store.countByStatus();
    const lines = [
      '# HELP chariot_executions Stored executions by status.',
      '# TYPE chariot_executions gauge',
      ...EXECUTION_STATUSES.map((s) => `chariot_executions{status="${s}"} ${byStatus[s] ?? 0}`),
      '# HELP chariot_executions_running Executions running in this process.',
      '# TYPE chariot_executions_running gauge',
      `chariot_executions_running ${this.executions.runningCount}`,
      '# HELP chariot_executions_queued Executions of this process waiting for a place to run (MAX_CONCURRENT_TOTAL).',
      '# TYPE chariot_executions_queued gauge',
      `chariot_executions_queued ${this.executions.queuedCount}`,
      '# HELP chariot_executions_paused Debugged executions of this process waiting at a pause.',
      '# TYPE chariot_executions_paused gauge',
      `chariot_executions_paused ${this.executions.pausedCount}`,
      '# HELP chariot_executions_ended_total Executions this process has seen end, by status.',
      '# TYPE chariot_executions_ended_total counter',
      ...[...this.metrics.ended].map(([s, n]) => `chariot_executions_ended_total{status="${s}"} ${n}`),
      '# HELP chariot_jobs_delivered_total Jobs of the cluster queue delivered to this process: ran, or not-queued (taken before: a job delivered again).',
      '# TYPE chariot_jobs_delivered_total counter',
      ...[...this.metrics.jobs].map(([o, n]) => `chariot_jobs_delivered_total{outcome="${o}"} ${n}`),
      '# HELP chariot_sse_streams_active Open log streams.',
      '# TYPE chariot_sse_streams_active gauge',
      `chariot_sse_streams_active ${this.metrics.activeStreams}`,
      '# HELP chariot_sse_buffered_bytes Bytes written to open log streams that their clients have not taken yet.',
      '# TYPE chariot_sse_buffered_bytes gauge',
      `chariot_sse_buffered_bytes ${this.streams.bufferedBytes}`,
      '# HELP chariot_log_entries_written_total Log entries stored by this process.',
      '# TYPE chariot_log_entries_written_total counter',
      `chariot_log_entries_written_total ${this.metrics.entriesWritten}`,
      ...this.metrics.storeDelay.exposition(
        'chariot_log_entry_store_delay_seconds',
        "From a script writing a log line to the line being stored and ready for its streams (millisecond resolution: a line's timestamp is in milliseconds).",
      ),
    ];
    return lines.join('\n') + '\n';
  }
}

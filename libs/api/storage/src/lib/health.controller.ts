import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService, MemoryHealthIndicator } from '@nestjs/terminus';
import { sql } from 'kysely';
import type { ApiEnvelope } from '@chariot/contract';
import { ApiException, ok, Public } from '@chariot/api-common';
import { ChariotDb } from './database';
import { DATABASE } from './tokens';

const HEAP_LIMIT_BYTES = 1024 * 1024 * 1024;

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: ChariotDb,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly memory: MemoryHealthIndicator,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers and its heap is sane' })
  @ApiOkResponse({ description: '{result:"OK",data:{status:"ok",info:{...}}}' })
  @ApiServiceUnavailableResponse({ description: 'Unhealthy (code NOT_HEALTHY)' })
  async liveness(): Promise<ApiEnvelope<HealthCheckResult>> {
    return this.run('NOT_HEALTHY', [() => this.memory.checkHeap('heap', HEAP_LIMIT_BYTES)]);
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers' })
  @ApiOkResponse({ description: '{result:"OK",data:{status:"ok",info:{database:{status:"up"}}}}' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer (code NOT_READY)' })
  async readiness(): Promise<ApiEnvelope<HealthCheckResult>> {
    return this.run('NOT_READY', [() => this.database()]);
  }

  private async database() {
    const indicator = this.indicators.check('database');
    try {
      await sql`select 1`.execute(this.db);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }

  private async run(
    code: string,
    checks: Parameters<HealthCheckService['check']>[0],
  ): Promise<ApiEnvelope<HealthCheckResult>> {
    try {
      return ok(await this.health.check(checks));
    } catch (error) {
      const detail = (error as { response?: HealthCheckResult }).response;
      throw new ApiException(503, code, `unhealthy: ${JSON.stringify(detail?.error ?? String(error))}`);
    }
  }
}

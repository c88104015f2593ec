import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { sql } from 'kysely';
import type { ApiEnvelope } from '@chariot/contract';
import { ApiException, ok, Public } from '@chariot/api-common';
import { ChariotDb } from './database';
import { DATABASE } from './tokens';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: ChariotDb) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: '{result:"OK",data:{status:"up"}}' })
  health(): ApiEnvelope<{ status: string; uptime_s: number }> {
    return ok({ status: 'up', uptime_s: Math.round(process.uptime()) });
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers' })
  @ApiOkResponse({ description: '{result:"OK",data:{status:"ready",database:"up"}}' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer (code NOT_READY)' })
  async ready(): Promise<ApiEnvelope<{ status: string; database: string }>> {
    try {
      await sql`select 1`.execute(this.db);
      return ok({ status: 'ready', database: 'up' });
    } catch (error) {
      throw new ApiException(503, 'NOT_READY', `database unavailable: ${String(error)}`);
    }
  }
}

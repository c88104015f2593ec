import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXECUTION_STATUSES, ExecutionStatus } from '@chariot/contract';
import { MAX_QUERY_INT, QueryInt } from './query-int';

export class ListExecutionsQueryDto {
  @ApiPropertyOptional({ enum: EXECUTION_STATUSES })
  @IsOptional()
  @IsIn(EXECUTION_STATUSES)
  status?: ExecutionStatus;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @QueryInt(1, 500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_QUERY_INT })
  @IsOptional()
  @QueryInt(0)
  offset?: number;
}

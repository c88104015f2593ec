import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { LOG_LEVELS, LogLevel } from '@chariot/contract';
import { MAX_QUERY_INT, QueryInt } from './query-int';

const toLevels = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : String(value)
        .split(',')
        .map((l) => l.trim().toUpperCase())
        .filter(Boolean);

export class StreamQueryDto {
  @ApiPropertyOptional({ description: 'Resume after this sequence number (as Last-Event-ID does)', minimum: 0, maximum: MAX_QUERY_INT })
  @IsOptional()
  @QueryInt(0)
  after?: number;

  @ApiPropertyOptional({ description: 'Comma-separated levels to keep, e.g. WARN,ERROR', example: 'WARN,ERROR' })
  @IsOptional()
  @Transform(toLevels)
  @IsIn(LOG_LEVELS as unknown as string[], { each: true, message: `level must be among ${LOG_LEVELS.join(', ')}` })
  level?: LogLevel[];
}

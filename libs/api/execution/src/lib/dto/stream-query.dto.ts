import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { LOG_LEVELS, LogLevel } from '@chariot/contract';
import { MAX_QUERY_INT, QueryInt } from './query-int';

/**
 * The levels of `?level=WARN,ERROR`, or of several `?level=` (an array), upper case. Anything
 * else Express's query parser may give (an object) stays text the validation refuses.
 */
function toLevels({ value }: { value: unknown }): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const parts: unknown[] = Array.isArray(value) ? value : [value];
  return parts
    .flatMap((part) => (typeof part === 'string' ? part.split(',') : [Object.prototype.toString.call(part)]))
    .map((l) => l.trim().toUpperCase())
    .filter(Boolean);
}

export class StreamQueryDto {
  @ApiPropertyOptional({
    description: 'Resume after this sequence number (as Last-Event-ID does)',
    minimum: 0,
    maximum: MAX_QUERY_INT,
  })
  @IsOptional()
  @QueryInt(0)
  after?: number;

  @ApiPropertyOptional({ description: 'Comma-separated levels to keep, e.g. WARN,ERROR', example: 'WARN,ERROR' })
  @IsOptional()
  @Transform(toLevels)
  @IsIn(LOG_LEVELS, { each: true, message: `level must be among ${LOG_LEVELS.join(', ')}` })
  level?: LogLevel[];
}

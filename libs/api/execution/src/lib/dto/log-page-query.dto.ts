import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { QueryInt } from './query-int';
import { StreamQueryDto } from './stream-query.dto';

export class LogPageQueryDto extends StreamQueryDto {
  @ApiPropertyOptional({ default: 1000, minimum: 1, maximum: 10000 })
  @IsOptional()
  @QueryInt(1, 10000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Case-insensitive text the message must contain' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { StreamQueryDto } from './stream-query.dto';

export class LogPageQueryDto extends StreamQueryDto {
  @ApiPropertyOptional({ default: 1000, minimum: 1, maximum: 10000 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Case-insensitive text the message must contain' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;
}

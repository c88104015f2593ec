import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import type { DebugOptions } from '@chariot/contract';
import { ExecuteProgramDto } from './execute-program.dto';

export const MAX_BREAKPOINTS = 1000;
export const MAX_BREAKPOINT_LINE = 1_000_000;

/** A list of breakpoint lines, as a run starts with them and as a pause replaces them. */
export function BreakpointLines(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(MAX_BREAKPOINTS),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(MAX_BREAKPOINT_LINE, { each: true }),
  );
}

export class DebugOptionsDto implements DebugOptions {
  @ApiProperty({
    description: `1-based lines to pause at (at most ${MAX_BREAKPOINTS})`,
    type: [Number],
    example: [3],
    maxItems: MAX_BREAKPOINTS,
  })
  @BreakpointLines()
  breakpoints!: number[];

  @ApiPropertyOptional({ description: 'Pause before the first statement, as if it held a breakpoint', default: false })
  @IsOptional()
  @IsBoolean()
  stopOnEntry?: boolean;
}

/** POST /api/execute-async: a program, optionally run under the debugger (the synchronous endpoint has no debugger). */
export class ExecuteAsyncDto extends ExecuteProgramDto {
  @ApiPropertyOptional({
    type: DebugOptionsDto,
    description:
      'Run under the debugger: the run pauses at these lines (event: paused on GET /api/logs/{id}) until POST /api/executions/{id}/debug says how to go on',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DebugOptionsDto)
  debug?: DebugOptionsDto;
}

import { ApiExtraModels, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
import type { BreakpointLike, DebugOptions } from '@chariot/contract';
import { BreakpointDto, Breakpoints, MAX_BREAKPOINTS, Watches } from './breakpoint.dto';
import { ExecuteProgramDto } from './execute-program.dto';

@ApiExtraModels(BreakpointDto)
export class DebugOptionsDto implements DebugOptions {
  @Breakpoints(
    `Where to pause (at most ${MAX_BREAKPOINTS}): 1-based lines, or breakpoints with a condition, a hit condition or a log message (a logpoint logs instead of pausing)`,
  )
  breakpoints!: BreakpointLike[];

  @ApiPropertyOptional({ description: 'Pause before the first statement, as if it held a breakpoint', default: false })
  @IsOptional()
  @IsBoolean()
  stopOnEntry?: boolean;

  @Watches('Expressions evaluated read-only in the paused frame at each pause (event: paused, watches)')
  watches?: string[];
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

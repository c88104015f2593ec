import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DEBUG_ACTIONS, DebugAction, DebugRequest } from '@chariot/contract';
import { BreakpointLines, MAX_BREAKPOINTS } from './execute-async.dto';

export class DebugActionDto implements DebugRequest {
  @ApiProperty({
    enum: DEBUG_ACTIONS,
    description:
      'continue: to the next breakpoint; step: the next statement on another line, into calls; step_over: the same, not deeper; step_out: after the current function returns',
  })
  @IsIn(DEBUG_ACTIONS, { message: `action must be one of ${DEBUG_ACTIONS.join(', ')}` })
  action!: DebugAction;

  @ApiPropertyOptional({
    description: `Replaces the run's breakpoints (1-based lines, at most ${MAX_BREAKPOINTS}) before it goes on: set or cleared while paused`,
    type: [Number],
    example: [3, 7],
    maxItems: MAX_BREAKPOINTS,
  })
  @IsOptional()
  @BreakpointLines()
  breakpoints?: number[];
}

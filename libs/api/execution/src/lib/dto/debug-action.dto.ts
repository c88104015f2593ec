import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BreakpointLike, DEBUG_ACTIONS, DebugAction, DebugRequest } from '@chariot/contract';
import { BreakpointDto, Breakpoints, MAX_BREAKPOINTS, Watches } from './breakpoint.dto';

@ApiExtraModels(BreakpointDto)
export class DebugActionDto implements DebugRequest {
  @ApiProperty({
    enum: DEBUG_ACTIONS,
    description:
      'continue: to the next breakpoint; step: the next statement on another line, into calls; step_over: the same, not deeper; step_out: after the current function returns',
  })
  @IsIn(DEBUG_ACTIONS, { message: `action must be one of ${DEBUG_ACTIONS.join(', ')}` })
  action!: DebugAction;

  @IsOptional()
  @Breakpoints(
    `Replaces the run's breakpoints (lines or breakpoints with options, at most ${MAX_BREAKPOINTS}) before it goes on: set or cleared while paused`,
    false,
  )
  breakpoints?: BreakpointLike[];

  @Watches("Replaces the run's watch expressions; the new ones are evaluated from the next pause on")
  watches?: string[];
}

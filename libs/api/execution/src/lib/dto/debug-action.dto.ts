import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DEBUG_ACTIONS, DebugAction } from '@chariot/contract';

export class DebugActionDto {
  @ApiProperty({
    enum: DEBUG_ACTIONS,
    description:
      'continue: to the next breakpoint; step: the next statement on another line, into calls; step_over: the same, not deeper; step_out: after the current function returns',
  })
  @IsIn(DEBUG_ACTIONS as unknown as string[], { message: `action must be one of ${DEBUG_ACTIONS.join(', ')}` })
  action!: DebugAction;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Breakpoint, HIT_CONDITION_PATTERN, MAX_DEBUG_EXPRESSION_CHARS, MAX_WATCHES } from '@chariot/contract';

export const MAX_BREAKPOINTS = 1000;
export const MAX_BREAKPOINT_LINE = 1_000_000;

/** A breakpoint with options (VS Code's SourceBreakpoint); a bare line number is taken as `{line}`. */
export class BreakpointDto implements Breakpoint {
  @ApiProperty({ description: '1-based line', minimum: 1, maximum: MAX_BREAKPOINT_LINE, example: 8 })
  @IsInt()
  @Min(1)
  @Max(MAX_BREAKPOINT_LINE)
  line!: number;

  @ApiPropertyOptional({
    description:
      'A Chariot expression: the breakpoint takes effect only where it is truthy. Evaluated read-only, like a watch.',
    example: 'i == 2',
    maxLength: MAX_DEBUG_EXPRESSION_CHARS,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DEBUG_EXPRESSION_CHARS)
  condition?: string;

  @ApiPropertyOptional({
    description:
      'Which hits take effect (counted where the condition held): "N" or "==N" the Nth only, ">=N" the Nth and later, "%N" every Nth',
    example: '%3',
  })
  @IsOptional()
  @IsString()
  @Matches(HIT_CONDITION_PATTERN, { message: 'hitCondition must be N, ==N, >=N or %N' })
  hitCondition?: string;

  @ApiPropertyOptional({
    description:
      'Makes it a logpoint: the run logs this message (INFO), each {expression} replaced by its value, instead of pausing',
    example: 'i is {i}',
    maxLength: MAX_DEBUG_EXPRESSION_CHARS,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DEBUG_EXPRESSION_CHARS)
  logMessage?: string;
}

/**
 * A list of breakpoints, as a run starts with them and as a pause replaces them: each a line
 * number (the original form) or a BreakpointDto. Lines become `{line}` here, so one nested
 * validation checks both forms and refuses unknown keys.
 */
export function Breakpoints(description: string, required = true): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description,
      required,
      type: 'array',
      items: {
        oneOf: [{ type: 'integer', minimum: 1, maximum: MAX_BREAKPOINT_LINE }, { $ref: getSchemaPath(BreakpointDto) }],
      },
      maxItems: MAX_BREAKPOINTS,
      example: [3, { line: 8, condition: 'i == 2' }, { line: 9, logMessage: 'i is {i}' }],
    }),
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(toBreakpointDto) : value)),
    IsArray(),
    ArrayMaxSize(MAX_BREAKPOINTS),
    ValidateNested({ each: true }),
  );
}

function toBreakpointDto(item: unknown): unknown {
  if (typeof item === 'number') return plainToInstance(BreakpointDto, { line: item });
  return item !== null && typeof item === 'object' && !Array.isArray(item)
    ? plainToInstance(BreakpointDto, item)
    : item;
}

/** Watch expressions, as a run starts with them and as a pause replaces them. */
export function Watches(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description,
      type: [String],
      maxItems: MAX_WATCHES,
      example: ['total * 2', 'length(items)'],
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_WATCHES),
    IsString({ each: true }),
    MaxLength(MAX_DEBUG_EXPRESSION_CHARS, { each: true }),
  );
}

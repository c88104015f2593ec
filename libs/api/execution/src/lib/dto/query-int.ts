import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/**
 * The largest value a numeric query parameter takes: PostgreSQL's `integer` (the type of log
 * sequence numbers), so neither database is ever handed a number it cannot bind or compare
 * (`?offset=1e19` was a 500 on SQLite).
 */
export const MAX_QUERY_INT = 2_147_483_647;

/** A whole-number query parameter in [min, max]; an empty value counts as absent. */
export function QueryInt(min: number, max = MAX_QUERY_INT): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value))),
    IsInt(),
    Min(min),
    Max(max),
  );
}

import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { QueryValidationPipe } from './query-validation.pipe';

class ListQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  after?: number;

  @IsOptional()
  @IsIn(['INFO', 'WARN'])
  level?: string;

  @IsInt()
  limit = 50;
}

class RequiredQuery {
  @IsIn(['a', 'b'])
  kind!: string;
}

const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });

describe('QueryValidationPipe', () => {
  const options = { whitelist: true, forbidNonWhitelisted: true, transform: true };
  let pipe: QueryValidationPipe;
  let validations: jest.SpyInstance;

  beforeEach(() => {
    pipe = new QueryValidationPipe(options);
    // the step of ValidationPipe that runs class-validator, counted
    validations = jest.spyOn(ValidationPipe.prototype as unknown as { validate: () => unknown }, 'validate');
  });
  afterEach(() => validations.mockRestore());

  it('answers an empty query with what ValidationPipe makes of it, validating it once per DTO', async () => {
    const reference: unknown = await new ValidationPipe(options).transform({}, query(ListQuery));
    validations.mockClear();
    const first = await pipe.transform({}, query(ListQuery));
    const second = await pipe.transform(Object.create(null), query(ListQuery));
    expect(first).toEqual(reference);
    expect(second).toEqual(reference);
    expect(second).toBeInstanceOf(ListQuery);
    expect(second).not.toBe(first); // a handler may change its own copy
    expect(validations).toHaveBeenCalledTimes(1);
  });

  it('validates a query that has parameters every time', async () => {
    await pipe.transform({}, query(ListQuery));
    await expect(pipe.transform({ after: '7' }, query(ListQuery))).resolves.toEqual(
      Object.assign(new ListQuery(), { after: 7 }),
    );
    await expect(pipe.transform({ after: '-1' }, query(ListQuery))).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform({ other: 'x' }, query(ListQuery))).rejects.toBeInstanceOf(BadRequestException);
  });

  it('goes on refusing an empty query that a DTO refuses', async () => {
    await expect(pipe.transform({}, query(RequiredQuery))).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform({}, query(RequiredQuery))).rejects.toBeInstanceOf(BadRequestException);
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('leaves bodies and parameters to ValidationPipe', async () => {
    await pipe.transform({}, { type: 'body', metatype: ListQuery });
    await pipe.transform({}, { type: 'body', metatype: ListQuery });
    expect(validations).toHaveBeenCalledTimes(2);
    await expect(pipe.transform({}, { type: 'body', metatype: RequiredQuery })).rejects.toBeInstanceOf(
      BadRequestException,
    );
  });
});

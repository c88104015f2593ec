import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';

/**
 * The global ValidationPipe, which knows an empty query when it sees one again. Most requests of
 * a route with a query DTO send no query (every log stream a browser opens, for one), and
 * class-transformer and class-validator took longer to turn `{}` into a DTO than the rest of the
 * pipes, guards and handler of opening a stream. The first empty query of each DTO goes the whole
 * way; when it passes and comes out as what the DTO's constructor makes, the next ones get a
 * fresh `new Dto()` directly. The rules are the same for each empty query (class-validator's
 * rules look at the value alone), so a DTO that refuses `{}` goes on refusing it the whole way.
 */
export class QueryValidationPipe extends ValidationPipe {
  /** Per DTO: whether an empty query comes out as `new Dto()`. */
  private readonly emptyQueries = new Map<Type<unknown>, boolean>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as Type<unknown> | undefined;
    if (metadata.type !== 'query' || !metatype || !isEmptyQuery(value) || !this.toValidate(metadata))
      return super.transform(value, metadata);
    const known = this.emptyQueries.get(metatype);
    if (known) return new metatype();
    if (known === false) return super.transform(value, metadata);
    try {
      const result: unknown = await super.transform(value, metadata);
      const made = new metatype();
      this.emptyQueries.set(
        metatype,
        Object.getPrototypeOf(result) === metatype.prototype && isDeepStrictEqual(result, made),
      );
      return result;
    } catch (error) {
      this.emptyQueries.set(metatype, false);
      throw error;
    }
  }
}

/** A query string with no parameter, as Express parses it (an object, possibly without prototype). */
function isEmptyQuery(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Reflect.ownKeys(value).length === 0;
}

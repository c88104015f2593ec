/**
 * How deep the arrays and objects of a JSON text nest, counted on the raw bytes before it is
 * parsed: brackets inside strings do not count. Linear in the length, and it stops at the first
 * byte past `limit`, so a hostile body costs no more than reading it.
 */
export function jsonNestingExceeds(body: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c /* \ */) i++;
      else if (byte === 0x22 /* " */) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b /* { */ || byte === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d /* } */ || byte === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/** The error a body parser's `verify` hook throws for a body nested too deep: 400 JSON_TOO_DEEP. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';

  constructor(readonly limit: number) {
    super(`Request body nests arrays and objects more than ${limit} levels deep`);
  }
}

/**
 * A `verify` hook for express.json(): refuses a body nested deeper than `limit` before it is
 * parsed, because class-transformer and class-validator recurse once per level and a body
 * nested a few thousand deep overflows their stack (a 500 on every JSON route).
 */
export function limitJsonDepth(limit: number): (request: unknown, response: unknown, body: Buffer) => void {
  return (_request, _response, body) => {
    if (jsonNestingExceeds(body, limit)) throw new JsonTooDeepError(limit);
  };
}

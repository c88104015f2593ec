import type { ApiErrorBody } from '@chariot/contract';

/** A script result as one line of text: JSON where possible, `null` for nothing. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  try {
    return JSON.stringify(value) ?? nonJsonText(value);
  } catch {
    return nonJsonText(value);
  }
}

/** What JSON cannot write (a bigint, a function, a symbol, a cyclic object), as text. */
function nonJsonText(value: unknown): string {
  return typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol'
    ? value.toString()
    : Object.prototype.toString.call(value);
}

/** `CODE: message (line 3, column 7)`. */
export function formatError(error: ApiErrorBody): string {
  const where: string[] = [];
  if (error.line !== undefined) {
    where.push(`line ${error.line}`);
  }
  if (error.column !== undefined) {
    where.push(`column ${error.column}`);
  }
  const position = where.length ? ` (${where.join(', ')})` : '';
  const details = error.details?.length ? ` [${error.details.join('; ')}]` : '';
  return `${error.code}: ${error.message}${position}${details}`;
}

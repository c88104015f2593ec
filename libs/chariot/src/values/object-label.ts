import { ChFunction } from './function';
import { ChObject, ExitRequest, HostObject, OpaqueValue } from './values';

/**
 * The `%v` text of an object that is neither a collection nor a node: functions, exit
 * requests, host objects, opaque values. toDisplay prints these, and toJson writes them as
 * strings, without either module needing the other.
 */
export function objectLabel(v: ChObject): string {
  if (v instanceof ChFunction) return `func(${v.params.join(', ')})`;
  if (v instanceof ExitRequest) return `exit(${v.code})`;
  if (v instanceof HostObject) return `HostObject(${v.name})`;
  if (v instanceof OpaqueValue) return v.label;
  return '[object]';
}

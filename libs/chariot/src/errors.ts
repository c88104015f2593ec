/**
 * Typed errors of the Chariot runtime. Every error that leaves the library is a ChariotError
 * carrying a 1-based line and column (0 when unknown) and, for runtime errors, the name of the
 * builtin or function whose call failed.
 */
import type { VariableSnapshot } from './evaluator/snapshot';

export type ChariotErrorKind = 'syntax' | 'runtime' | 'limit';

export interface ChariotErrorJson {
  code: string;
  message: string;
  line: number;
  column: number;
  function?: string;
}

export class ChariotError extends Error {
  readonly kind: ChariotErrorKind;
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly functionName?: string;
  /**
   * Set by runChariot: the variables the program had defined when it failed (empty for a
   * syntax error: nothing ran). Not part of toJSON — the caller decides where it goes.
   */
  variables?: VariableSnapshot[];

  constructor(kind: ChariotErrorKind, code: string, message: string, line = 0, column = 0, functionName?: string) {
    super(message);
    this.name = 'ChariotError';
    this.kind = kind;
    this.code = code;
    this.line = line;
    this.column = column;
    this.functionName = functionName;
  }

  /** Fills the position (and function name) if they are still unknown. */
  at(line: number, column: number, functionName?: string): this {
    const self = this as { line: number; column: number; functionName?: string };
    if (self.line === 0) {
      self.line = line;
      self.column = column;
    }
    if (self.functionName === undefined && functionName !== undefined) {
      self.functionName = functionName;
    }
    return this;
  }

  toJSON(): ChariotErrorJson {
    const json: ChariotErrorJson = {
      code: this.code,
      message: this.message,
      line: this.line,
      column: this.column,
    };
    if (this.functionName !== undefined) json.function = this.functionName;
    return json;
  }
}

export class ChariotSyntaxError extends ChariotError {
  constructor(message: string, line = 0, column = 0) {
    super('syntax', 'SYNTAX_ERROR', message, line, column);
    this.name = 'ChariotSyntaxError';
  }
}

export class ChariotRuntimeError extends ChariotError {
  constructor(message: string, code = 'RUNTIME_ERROR', line = 0, column = 0, functionName?: string) {
    super(
      code === 'RUNTIME_ERROR' || !LIMIT_CODES.has(code) ? 'runtime' : 'limit',
      code,
      message,
      line,
      column,
      functionName,
    );
    this.name = 'ChariotRuntimeError';
  }
}

const LIMIT_CODES = new Set(['STEP_LIMIT', 'CALL_DEPTH', 'STRING_LIMIT', 'ARRAY_LIMIT', 'TIME_LIMIT', 'MEMORY_LIMIT']);

/** Shorthand used by builtins: a runtime error without position (the call site fills it in). */
export function fail(message: string): never {
  throw new ChariotRuntimeError(message);
}

export function limitError(code: string, message: string): ChariotRuntimeError {
  return new ChariotRuntimeError(message, code);
}

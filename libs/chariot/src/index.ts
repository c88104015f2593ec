/**
 * @chariot/language — the Chariot language runtime: lexer, parser, evaluator, builtins.
 * Pure TypeScript: all I/O goes through the injected ChariotHost hooks.
 */
export type { LogLevel, ChariotHost, ChariotLimits } from './evaluator/host';
export { DEFAULT_LIMITS } from './evaluator/host';
export type { RunOptions, RunResult } from './evaluator/run';
export { runChariot, parseChariot } from './evaluator/run';
export type { TaskOptions } from './evaluator/task';
export { ChariotTask, startChariot } from './evaluator/task';
export type { VariableSnapshot, SnapshotLimits } from './evaluator/snapshot';
export { DEFAULT_SNAPSHOT_LIMITS } from './evaluator/snapshot';
export type {
  BreakpointLike,
  BreakpointSpec,
  DebugOptions,
  DebugAction,
  DebugResume,
  PauseEvent,
  StackFrame,
  WatchResult,
} from './evaluator/debug-types';
export { parseHitCondition } from './evaluator/breakpoints';
export type { JsonValue } from './values/json';
export type { Program, Expr } from './ast/nodes';
export { ChariotError, ChariotSyntaxError, ChariotRuntimeError } from './errors';
export type { ChariotErrorJson, ChariotErrorKind } from './errors';
export type { BuiltinInfo } from './builtins/types';
export { BUILTIN_CATALOG } from './builtins';
export { KEYWORDS } from './keywords';

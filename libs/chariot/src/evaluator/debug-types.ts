/**
 * What a debugged run and its host exchange (the contract's debug types, mirrored: the language
 * library does not import the contract). The decision logic is debugger.ts.
 */
import type { VariableSnapshot } from './snapshot';

/** Mirrors the server contract's DebugOptions. */
export interface DebugOptions {
  /** 1-based line numbers. */
  breakpoints: number[];
  /** Pause before the first statement, as if it held a breakpoint. */
  stopOnEntry?: boolean;
}

/** What a paused run does next (the contract's DEBUG_ACTIONS). */
export type DebugAction = 'continue' | 'step' | 'step_over' | 'step_out';

/** A host's answer to a pause: the action, and the breakpoints from then on when the user changed them. */
export type DebugResume = DebugAction | { action: DebugAction; breakpoints?: readonly number[] };

/** Where a run paused and what it can see there (the contract's PausedEvent). */
export interface PauseEvent {
  line: number;
  column: number;
  /** Call depth: 0 at the program's top level. */
  depth: number;
  /** Innermost scope first, shadowed names once. */
  variables: VariableSnapshot[];
}

/**
 * The shape of the runtime inspector's output, with no dependencies: errors carry it, the
 * debugger reports it, inspect.ts fills it.
 */

/** A variable a program left defined, as the runtime inspector shows it. */
export interface VariableSnapshot {
  name: string;
  /** `typeOf` code: N S L A M T J X F H P E R V. */
  type: string;
  /** What `string()` prints for the value, cut at `previewChars`. */
  value: string;
  truncated: boolean;
  /**
   * `global`: made with declareGlobal; `program`: defined at the program's top level; `local`:
   * a function's or block's scope (only seen while a debugged run is paused).
   */
  scope: 'global' | 'program' | 'local';
}

export interface SnapshotLimits {
  /** Longest `value` text. */
  previewChars: number;
  /** Most variables kept (globals first, then by name). */
  maxVariables: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = Object.freeze({ previewChars: 1000, maxVariables: 500 });

import type { ExecutionStatus, PausedEvent, ProgressEvent as ExecutionProgress } from '@chariot/contract';
import { FINAL_STATUSES } from '@chariot/contract';
import type { EditorDiagnostic } from '@chariot/charioteer-ui';
import type { RunStatus } from '@chariot/charioteer-util';

export type StreamConnection = 'idle' | 'open' | 'reconnecting';

/** How a run ended: the API's final statuses, or `error` when the IDE could not follow it. */
export type EndStatus = Exclude<RunStatus, 'idle' | 'starting' | 'queued' | 'running'>;

/** What every run on screen has, live or ended. */
export interface RunInfo {
  /** Null until the server answered the start. */
  readonly executionId: string | null;
  readonly progress: ExecutionProgress | null;
  /** The log stream (a reopened run may still be loading its stored log). */
  readonly connection: StreamConnection;
  /** Runs started from the editor mark their errors in it; runs reopened from the history do not. */
  readonly fromEditor: boolean;
}

/** What a run the IDE follows has besides. */
export interface LiveRun extends RunInfo {
  /** Started with Stream Logs off: nothing shown until the run is over, then its stored log. */
  readonly synchronous: boolean;
  /** Started under the debugger, or seen paused. */
  readonly debugging: boolean;
  /** Cancel was asked for (and is sent as soon as the execution id is known). */
  readonly cancelling: boolean;
}

/**
 * The run on screen, as one value: the phase it is in and what goes with that phase.
 * `starting` waits for the execution id; `paused` holds where the debugger stopped the run.
 */
export type RunState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting' | 'queued' | 'running'; readonly run: LiveRun }
  | { readonly phase: 'paused'; readonly run: LiveRun; readonly at: PausedEvent }
  | {
      readonly phase: 'ended';
      readonly run: RunInfo;
      readonly status: EndStatus;
      readonly diagnostic: EditorDiagnostic | null;
    };

export type LiveRunState = Extract<RunState, { phase: 'starting' | 'queued' | 'running' | 'paused' }>;
export type ShownRunState = Exclude<RunState, { phase: 'idle' }>;

export const IDLE: RunState = { phase: 'idle' };

export function isLive(state: RunState): state is LiveRunState {
  return state.phase !== 'idle' && state.phase !== 'ended';
}

/** The status badge's value (`paused`: still running on the server, held by the debugger). */
export function statusOf(state: RunState): RunStatus {
  switch (state.phase) {
    case 'ended':
      return state.status;
    default:
      return state.phase;
  }
}

const END_STATUSES: readonly RunStatus[] = [...FINAL_STATUSES, 'error'];

export function isEndStatus(status: RunStatus): status is EndStatus {
  return END_STATUSES.includes(status);
}

/** `state` with its run's `change` applied; the same object when nothing changes (no needless signal write). */
export function withRun<S extends ShownRunState>(state: S, change: Partial<S['run']>): S {
  const run = state.run as unknown as Record<string, unknown>;
  const changed = Object.entries(change).some(([key, value]) => run[key] !== value);
  return changed ? { ...state, run: { ...state.run, ...change } } : state;
}

/** The live phase an API status names, or null for a final status (the `done` frame ends a run). */
export function livePhaseOf(status: ExecutionStatus): 'queued' | 'running' | null {
  return status === 'queued' || status === 'running' ? status : null;
}

import { signal } from '@angular/core';
import type { DebugAction, DebugChanges } from '@chariot/contract';
import { ApiError, ExecutionService } from '@chariot/charioteer-data-access';

/**
 * The debugger's side of a paused run: sends one action at a time (continue, step…) with the
 * breakpoints and watches as they are now, so those changed while paused take effect. The run's
 * `resumed` and `paused` frames, or its end, make it ready for the next action.
 */
export class DebugSession {
  private readonly busyState = signal(false);
  /** An action was sent and the run has not answered yet. */
  readonly busy = this.busyState.asReadonly();

  constructor(
    private readonly api: Pick<ExecutionService, 'debug'>,
    private readonly changes: () => DebugChanges,
    private readonly report: (message: string) => void,
  ) {}

  /** Sends `action` to the paused execution `id`, unless an action is still on its way. */
  send(id: string, action: DebugAction): void {
    if (this.busyState()) return;
    this.busyState.set(true);
    this.api.debug(id, action, this.changes()).subscribe({
      error: (error: unknown) => {
        this.busyState.set(false);
        this.report(`Debugger: ${ApiError.from(error).message}`);
      },
    });
  }

  /** The run answered (paused, resumed) or ended: the next action may go. */
  settle(): void {
    this.busyState.set(false);
  }
}

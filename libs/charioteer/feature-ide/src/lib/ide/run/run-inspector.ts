import { signal } from '@angular/core';
import type { ExecutionDetail, PausedEvent, StackFrame, VariableSnapshot } from '@chariot/contract';
import { HistoryService } from '@chariot/charioteer-data-access';
import type { VariablesState } from '@chariot/charioteer-ui';
import type { Subscription } from 'rxjs';

/**
 * The runtime inspector: the variables visible where a debugged run is paused (in the frame of
 * the call stack the user chose), or those a run left defined once it has ended (fetched from
 * the execution's detail).
 */
export class RunInspector {
  private readonly variablesState = signal<readonly VariableSnapshot[] | null>(null);
  private readonly statusState = signal<VariablesState>('idle');
  private readonly framesState = signal<readonly StackFrame[] | null>(null);
  private readonly selectedState = signal(0);
  private fetching: Subscription | null = null;

  readonly variables = this.variablesState.asReadonly();
  readonly status = this.statusState.asReadonly();
  /** The call stack of the pause shown, innermost first; null when not paused. */
  readonly frames = this.framesState.asReadonly();
  /** The frame whose variables are shown (0: where the run paused). */
  readonly selectedFrame = this.selectedState.asReadonly();

  /** `ended` hears of the ended run's detail (its dropped count…) whichever way it came. */
  constructor(
    private readonly history: Pick<HistoryService, 'get'>,
    private readonly ended: (detail: ExecutionDetail) => void = () => undefined,
  ) {}

  /** A run is under way: its variables come when it pauses or ends. */
  expect(): void {
    this.reset();
    this.statusState.set('running');
  }

  /** A pause: its call stack, the innermost frame's variables shown. */
  showPause(paused: PausedEvent): void {
    this.framesState.set(paused.frames ?? null);
    this.selectedState.set(0);
    this.variablesState.set(paused.variables);
    this.statusState.set('ready');
  }

  /** Shows the variables of frame `index` of the pause's call stack. */
  selectFrame(index: number): void {
    const frame = this.framesState()?.[index];
    if (!frame) return;
    this.selectedState.set(index);
    this.variablesState.set(frame.variables);
  }

  /** Shows `variables`; none (null or undefined) means none were captured. */
  show(variables: readonly VariableSnapshot[] | null | undefined): void {
    this.framesState.set(null);
    this.variablesState.set(variables ?? null);
    this.statusState.set(variables ? 'ready' : 'unavailable');
  }

  /** The variables of an ended run: from `detail` when the caller has it, else fetched by `id`. */
  inspect(detail: ExecutionDetail | undefined, id: string | null): void {
    if (detail) {
      this.show(detail.variables);
      this.ended(detail);
    } else if (id) {
      this.statusState.set('loading');
      this.fetching = this.history.get(id).subscribe({
        next: (fetched) => {
          this.show(fetched.variables);
          this.ended(fetched);
        },
        error: () => this.show(null),
      });
    } else {
      this.show(null);
    }
  }

  /** Nothing to show, nothing fetched any more. */
  reset(): void {
    this.fetching?.unsubscribe();
    this.fetching = null;
    this.framesState.set(null);
    this.variablesState.set(null);
    this.statusState.set('idle');
  }
}

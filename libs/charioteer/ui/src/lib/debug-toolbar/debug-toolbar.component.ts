import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { DebugAction, PausedEvent } from '@chariot/contract';

interface DebugControl {
  action: DebugAction;
  label: string;
  key: string;
}

/** The keys are VS Code's, so hands already know them. */
export const DEBUG_CONTROLS: readonly DebugControl[] = [
  { action: 'continue', label: 'Continue', key: 'F5' },
  { action: 'step_over', label: 'Step Over', key: 'F10' },
  { action: 'step', label: 'Step Into', key: 'F11' },
  { action: 'step_out', label: 'Step Out', key: 'Shift+F11' },
];

/** The action a key press asks for, if any. */
export function debugActionForKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): DebugAction | null {
  const key = event.shiftKey ? `Shift+${event.key}` : event.key;
  return DEBUG_CONTROLS.find((control) => control.key === key)?.action ?? null;
}

/** Where a debugged run stands, and what to do next while it is paused. Emits intents only. */
@Component({
  selector: 'ch-debug-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './debug-toolbar.component.html',
  styleUrl: './debug-toolbar.component.css',
})
export class DebugToolbarComponent {
  readonly paused = input<PausedEvent | null>(null);
  /** An action was sent and the run has not answered yet. */
  readonly busy = input(false);
  readonly action = output<DebugAction>();

  protected readonly controls = DEBUG_CONTROLS;
}

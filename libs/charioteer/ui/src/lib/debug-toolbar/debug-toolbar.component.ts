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
  template: `
    <div class="bar" role="toolbar" aria-label="Debugger">
      <span class="where" data-testid="debug-state" role="status">
        @if (paused(); as p) {
          Paused at line {{ p.line }}@if (p.depth > 0) {<span class="depth">, call depth {{ p.depth }}</span>}
        } @else {
          Running…
        }
      </span>
      @for (control of controls; track control.action) {
        <button type="button" [attr.data-testid]="'debug-' + control.action" [title]="control.label + ' (' + control.key + ')'"
          [disabled]="!paused() || busy()" (click)="action.emit(control.action)">{{ control.label }}</button>
      }
    </div>
  `,
  styles: `
    :host { display: block; }
    .bar { display: flex; align-items: center; gap: 4px; height: 100%; }
    .where { margin-right: 6px; color: #dcdcaa; font-size: 12px; white-space: nowrap; }
    .depth { color: #9d9d9d; }
    button {
      padding: 3px 8px; border: 1px solid #3c3c3c; border-radius: 3px; background: #2d2d30; color: #cccccc;
      font: inherit; font-size: 12px; cursor: pointer; white-space: nowrap;
    }
    button:hover:not(:disabled) { background: #3c3c3c; }
    button:disabled { opacity: 0.45; cursor: default; }
    button:focus-visible { outline: 2px solid #007acc; outline-offset: 1px; }
  `,
})
export class DebugToolbarComponent {
  readonly paused = input<PausedEvent | null>(null);
  /** An action was sent and the run has not answered yet. */
  readonly busy = input(false);
  readonly action = output<DebugAction>();

  protected readonly controls = DEBUG_CONTROLS;
}

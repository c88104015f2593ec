import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { VariableSnapshot } from '@chariot/contract';
import { typeLabel } from '@chariot/charioteer-util';

/** Where the inspector stands: nothing run yet, waiting for the snapshot, or showing it. */
export type VariablesState = 'idle' | 'running' | 'loading' | 'ready' | 'unavailable';

/**
 * The runtime inspector: the variables a run left defined (top level and `declareGlobal`),
 * with their type and value as `string()` prints them. Values are rendered as text.
 */
@Component({
  selector: 'ch-variables-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './variables-panel.component.html',
  styleUrls: ['../panel-frame.css', './variables-panel.component.css'],
})
export class VariablesPanelComponent {
  readonly variables = input<readonly VariableSnapshot[] | null>(null);
  readonly state = input<VariablesState>('idle');

  protected readonly query = signal('');
  protected readonly shown = computed(() => {
    const needle = this.query().trim().toLowerCase();
    const all = this.variables() ?? [];
    return needle ? all.filter((v) => v.name.toLowerCase().includes(needle)) : all;
  });
  protected readonly emptyText = computed(() => {
    switch (this.state()) {
      case 'idle':
        return 'Run a script to inspect the variables it leaves defined.';
      case 'running':
        return 'The variables show here when the run ends.';
      case 'loading':
        return 'Loading variables…';
      case 'unavailable':
        return 'No variables were captured for this run (it was stopped before it ended).';
      default:
        return 'The script left no variables defined.';
    }
  });

  protected label(code: string): string {
    return typeLabel(code);
  }
}

import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { VariableSnapshot } from '@chariot/contract';
import { typeLabel } from '@chariot/charioteer-util';
import { PANEL_FRAME_STYLES } from '../panel-frame.styles';

/** Where the inspector stands: nothing run yet, waiting for the snapshot, or showing it. */
export type VariablesState = 'idle' | 'running' | 'loading' | 'ready' | 'unavailable';

/**
 * The runtime inspector: the variables a run left defined (top level and `declareGlobal`),
 * with their type and value as `string()` prints them. Values are rendered as text.
 */
@Component({
  selector: 'ch-variables-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <ng-content />
    </div>
    <div class="tools">
      <input type="search" class="filter" data-testid="variables-filter" placeholder="Filter variables"
        aria-label="Filter variables" [value]="query()" (input)="query.set($any($event.target).value)"
        [disabled]="!variables()?.length" />
      @if (variables()?.length) {
        <span class="count" data-testid="variables-count">{{ shown().length }} of {{ variables()?.length }}</span>
      }
    </div>
    <div class="body">
      @if (state() === 'ready' && variables()?.length) {
        <table data-testid="variables" aria-label="Variables">
          <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Value</th></tr></thead>
          <tbody>
            @for (variable of shown(); track variable.scope + ':' + variable.name) {
              <tr data-testid="variable" [attr.data-name]="variable.name" [attr.data-type]="variable.type">
                <td class="name">
                  {{ variable.name }}
                  @if (variable.scope === 'global') {
                    <span class="global" title="Declared with declareGlobal">global</span>
                  } @else if (variable.scope === 'local') {
                    <span class="local" title="Local to the function or block the run is paused in">local</span>
                  }
                </td>
                <td class="type">{{ label(variable.type) }}</td>
                <td class="value" data-testid="variable-value">{{ variable.value }}@if (variable.truncated) {<span
                  class="cut" data-testid="variable-truncated" title="Shortened: the value is longer">…</span>}</td>
              </tr>
            } @empty {
              <tr><td colspan="3" class="empty">No variable matches</td></tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="empty" data-testid="variables-empty">{{ emptyText() }}</p>
      }
    </div>
  `,
  styles: [
    PANEL_FRAME_STYLES,
    `
    .tools { display: flex; align-items: center; gap: 8px; flex: none; padding: 4px 8px; border-bottom: 1px solid #2d2d30; }
    .filter {
      flex: 0 1 260px; min-width: 80px; padding: 3px 6px; border: 1px solid #3c3c3c; border-radius: 3px;
      background: #3c3c3c; color: #d4d4d4; font: inherit; font-size: 12px;
    }
    .filter:focus-visible { outline: 2px solid #007acc; outline-offset: 1px; }
    .count { color: #9d9d9d; font-size: 12px; font-variant-numeric: tabular-nums; }
    .body { flex: 1; min-height: 0; overflow: auto; }
    table { width: 100%; border-collapse: collapse; font-size: 12px; }
    th {
      position: sticky; top: 0; padding: 4px 12px; background: #1e1e1e; color: #9d9d9d; font-weight: 600;
      text-align: left; border-bottom: 1px solid #2d2d30;
    }
    td { padding: 3px 12px; vertical-align: top; border-bottom: 1px solid #252526; }
    .name { color: #9cdcfe; font-family: Consolas, 'Courier New', monospace; white-space: nowrap; }
    .global, .local { margin-left: 6px; padding: 0 5px; border-radius: 8px; background: #3c3c3c; color: #dcdcaa; font-size: 10px; }
    .local { color: #9cdcfe; }
    .type { color: #4ec9b0; white-space: nowrap; }
    .value { color: #d4d4d4; font-family: Consolas, 'Courier New', monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
    .cut { color: #6e6e6e; }
    .empty { margin: 0; padding: 10px 12px; color: #6e6e6e; font-size: 12px; }
  `,
  ],
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

import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { FunctionInfo } from '@chariot/contract';
import { FunctionEntry, groupFunctions } from '@chariot/charioteer-util';

/** The builtins, searchable and grouped by family; choosing one asks for it to be inserted. */
@Component({
  selector: 'ch-function-library',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="search">
      <input type="search" data-testid="function-search" placeholder="Search functions" aria-label="Search functions"
        [value]="query()" (input)="query.set($any($event.target).value)" />
    </div>
    <p class="count" data-testid="function-count" aria-live="polite">
      {{ matchCount() }} of {{ functions().length }} functions
    </p>
    @for (group of groups(); track group.category) {
      <section class="group" [attr.aria-label]="group.category">
        <h3 class="category">{{ group.category }}</h3>
        <ul>
          @for (entry of group.entries; track entry.name) {
            <li>
              <button type="button" class="entry" data-testid="function-entry" [attr.data-name]="entry.name"
                [title]="'Insert ' + entry.name + '() at the cursor'" (click)="inserted.emit(entry)">
                <code class="signature">{{ entry.signature }}</code>
                <span class="summary">{{ entry.summary }}</span>
              </button>
            </li>
          }
        </ul>
      </section>
    } @empty {
      <p class="empty">{{ functions().length ? 'No function matches' : 'Loading…' }}</p>
    }
  `,
  styles: `
    :host { display: block; }
    .search { position: sticky; top: 0; padding: 6px 8px; background: #252526; }
    input {
      box-sizing: border-box; width: 100%; padding: 3px 6px; border: 1px solid #3c3c3c; background: #3c3c3c;
      color: #cccccc; font: inherit; font-size: 12px;
    }
    input:focus { outline: 1px solid #007acc; }
    .count, .empty { margin: 0; padding: 0 12px 4px; color: #6e6e6e; font-size: 11px; }
    .category {
      margin: 6px 0 2px; padding: 0 12px; color: #9d9d9d; font-size: 11px; font-weight: 600;
      text-transform: uppercase; letter-spacing: 0.04em;
    }
    ul { list-style: none; margin: 0; padding: 0; }
    .entry {
      display: flex; flex-direction: column; gap: 1px; width: 100%; padding: 3px 12px; border: 0; background: none;
      color: #cccccc; font: inherit; font-size: 12px; text-align: left; cursor: pointer;
    }
    .entry:hover { background: #2a2d2e; }
    .entry:focus-visible { outline: 1px solid #007acc; outline-offset: -1px; }
    .signature { color: #dcdcaa; font-family: Consolas, 'Courier New', monospace; overflow-wrap: anywhere; }
    .summary { color: #8b8b8b; }
  `,
})
export class FunctionLibraryComponent {
  readonly functions = input<readonly FunctionInfo[]>([]);
  readonly inserted = output<FunctionEntry>();

  protected readonly query = signal('');
  protected readonly groups = computed(() => groupFunctions(this.functions(), this.query()));
  protected readonly matchCount = computed(() => this.groups().reduce((sum, group) => sum + group.entries.length, 0));
}

import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { FunctionInfo } from '@chariot/contract';
import { FunctionEntry, groupFunctions } from '@chariot/charioteer-util';

/** The builtins, searchable and grouped by family; choosing one asks for it to be inserted. */
@Component({
  selector: 'ch-function-library',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './function-library.component.html',
  styleUrl: './function-library.component.css',
})
export class FunctionLibraryComponent {
  readonly functions = input<readonly FunctionInfo[]>([]);
  readonly inserted = output<FunctionEntry>();

  protected readonly query = signal('');
  protected readonly groups = computed(() => groupFunctions(this.functions(), this.query()));
  protected readonly matchCount = computed(() => this.groups().reduce((sum, group) => sum + group.entries.length, 0));
}

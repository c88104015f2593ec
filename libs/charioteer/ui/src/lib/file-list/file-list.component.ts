import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { FileSummary } from '@chariot/contract';

/** The user's files; the open one is marked (with ● when it has unsaved changes). */
@Component({
  selector: 'ch-file-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './file-list.component.html',
  styleUrl: './file-list.component.css',
})
export class FileListComponent {
  readonly files = input<readonly FileSummary[]>([]);
  readonly current = input<string | null>(null);
  readonly dirty = input(false);
  readonly loading = input(false);

  readonly opened = output<string>();
}

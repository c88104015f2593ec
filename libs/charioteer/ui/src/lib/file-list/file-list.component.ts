import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { FileSummary } from '@chariot/contract';

/** The user's files; the open one is marked (with ● when it has unsaved changes). */
@Component({
  selector: 'ch-file-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="files" data-testid="file-list" aria-label="Files">
      @for (file of files(); track file.name) {
        <li>
          <button type="button" class="file" data-testid="file" [attr.data-name]="file.name"
            [class.current]="file.name === current()" [attr.aria-current]="file.name === current() ? 'true' : null"
            [title]="file.name + ' — ' + file.size + ' bytes, saved ' + file.updated_at" (click)="opened.emit(file.name)">
            <span class="name">{{ file.name }}</span>
            @if (file.name === current() && dirty()) {
              <span class="dirty" aria-label="unsaved changes">●</span>
            }
          </button>
        </li>
      } @empty {
        <li class="empty">{{ loading() ? 'Loading…' : 'No files yet' }}</li>
      }
    </ul>
  `,
  styles: `
    :host { display: block; }
    .files { list-style: none; margin: 0; padding: 4px 0; }
    .file {
      display: flex; align-items: center; width: 100%; gap: 6px; padding: 3px 12px; border: 0; background: none;
      color: #cccccc; font: inherit; font-size: 13px; text-align: left; cursor: pointer;
    }
    .file:hover { background: #2a2d2e; }
    .file.current { background: #37373d; color: #fff; }
    .file:focus-visible { outline: 1px solid #007acc; outline-offset: -1px; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .dirty { color: #e2c08d; font-size: 10px; }
    .empty { padding: 6px 12px; color: #6e6e6e; font-size: 12px; }
  `,
})
export class FileListComponent {
  readonly files = input<readonly FileSummary[]>([]);
  readonly current = input<string | null>(null);
  readonly dirty = input(false);
  readonly loading = input(false);

  readonly opened = output<string>();
}

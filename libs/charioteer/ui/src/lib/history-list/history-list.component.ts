import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { ExecutionSummary } from '@chariot/contract';
import { formatDuration } from '@chariot/charioteer-util';

/**
 * Past executions, newest first: status, start time, duration, first line of the program.
 * A run opens its log; "Edit" puts its program in the editor; "Load more" asks for the next page.
 */
@Component({
  selector: 'ch-history-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="runs" data-testid="history-list" aria-label="Past executions">
      @for (run of runs(); track run.id) {
        <li class="item">
          <button type="button" class="run" data-testid="history-item" [attr.data-id]="run.id"
            [attr.data-status]="run.status" [class.current]="run.id === current()"
            [attr.aria-current]="run.id === current() ? 'true' : null" (click)="opened.emit(run)">
            <span class="top">
              <span class="status" [attr.data-status]="run.status">{{ run.status.replace('_', ' ') }}</span>
              <span class="when">{{ startOf(run) }}</span>
              <span class="duration">{{ durationOf(run) }}</span>
            </span>
            <span class="program">{{ firstLine(run) }}</span>
            @if (run.progress; as p) {
              <span class="progress" data-testid="history-progress">{{ p.percent }}% {{ p.message }}</span>
            }
          </button>
          <button type="button" class="edit" data-testid="history-edit" title="Open this run's program in the editor"
            [attr.aria-label]="'Open the program of the run started ' + startOf(run) + ' in the editor'"
            (click)="edited.emit(run)">Edit</button>
        </li>
      } @empty {
        <li class="empty">{{ loading() ? 'Loading…' : 'No runs yet' }}</li>
      }
      @if (hasMore()) {
        <li class="more">
          <button type="button" data-testid="history-more" [disabled]="loading()" (click)="moreRequested.emit()">
            {{ loading() ? 'Loading…' : 'Load more' }}
          </button>
        </li>
      }
    </ul>
  `,
  styles: `
    :host { display: block; }
    .runs { list-style: none; margin: 0; padding: 4px 0; }
    .item { position: relative; }
    .edit {
      position: absolute; top: 3px; right: 6px; padding: 0 6px; border: 1px solid #3c3c3c; border-radius: 3px;
      background: #2d2d30; color: #cccccc; font: inherit; font-size: 11px; cursor: pointer; opacity: 0;
    }
    .item:hover .edit, .edit:focus-visible { opacity: 1; }
    .edit:focus-visible { outline: 1px solid #007acc; }
    .more { padding: 6px 12px; }
    .more button {
      width: 100%; padding: 3px 0; border: 1px solid #3c3c3c; border-radius: 3px; background: #2d2d30; color: #cccccc;
      font: inherit; font-size: 12px; cursor: pointer;
    }
    .more button:disabled { opacity: 0.5; cursor: default; }
    .run {
      display: flex; flex-direction: column; gap: 2px; width: 100%; padding: 5px 12px; border: 0; background: none;
      color: #cccccc; font: inherit; font-size: 12px; text-align: left; cursor: pointer;
    }
    .run:hover { background: #2a2d2e; }
    .run.current { background: #37373d; }
    .run:focus-visible { outline: 1px solid #007acc; outline-offset: -1px; }
    .top { display: flex; gap: 8px; align-items: baseline; }
    .status { font-weight: 600; text-transform: capitalize; color: #9d9d9d; }
    .status[data-status='succeeded'] { color: #4ec9b0; }
    .status[data-status='failed'], .status[data-status='timed_out'], .status[data-status='interrupted'] { color: #f44747; }
    .status[data-status='cancelled'] { color: #dcdcaa; }
    .status[data-status='running'], .status[data-status='queued'] { color: #3794ff; }
    .when, .duration, .progress { color: #8b8b8b; font-variant-numeric: tabular-nums; }
    .duration { margin-left: auto; }
    .program {
      overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: #d4d4d4;
      font-family: Consolas, 'Courier New', monospace;
    }
    .empty { padding: 6px 12px; color: #6e6e6e; font-size: 12px; }
  `,
})
export class HistoryListComponent {
  readonly runs = input<readonly ExecutionSummary[]>([]);
  readonly current = input<string | null>(null);
  readonly loading = input(false);
  /** More runs are stored than listed. */
  readonly hasMore = input(false);
  /** Re-evaluated durations of running executions tick with it. */
  readonly now = input(0);

  readonly opened = output<ExecutionSummary>();
  readonly edited = output<ExecutionSummary>();
  readonly moreRequested = output<void>();

  protected startOf(run: ExecutionSummary): string {
    const date = new Date(run.started_at ?? run.created_at);
    return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
  }

  protected durationOf(run: ExecutionSummary): string {
    if (!run.started_at) return '';
    const end = run.finished_at ? Date.parse(run.finished_at) : this.now() || Date.now();
    return formatDuration(end - Date.parse(run.started_at));
  }

  protected firstLine(run: ExecutionSummary): string {
    return run.program.split('\n', 1)[0].trim() || '(empty program)';
  }
}

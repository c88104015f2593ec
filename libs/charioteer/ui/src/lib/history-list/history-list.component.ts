import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { isFinalStatus, type ExecutionListItem } from '@chariot/contract';
import { formatDuration } from '@chariot/charioteer-util';

/**
 * Past executions, newest first: status, start time, duration, the file it came from, first
 * line of the program. A run opens its log; "File" opens the file it came from, "Re-run" runs
 * it again, "Edit" puts its program in the editor; "Load more" asks for the next page.
 */
@Component({
  selector: 'ch-history-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './history-list.component.html',
  styleUrl: './history-list.component.css',
})
export class HistoryListComponent {
  readonly runs = input<readonly ExecutionListItem[]>([]);
  readonly current = input<string | null>(null);
  readonly loading = input(false);
  /** More runs are stored than listed. */
  readonly hasMore = input(false);
  /** Re-evaluated durations of running executions tick with it. */
  readonly now = input(0);

  readonly opened = output<ExecutionListItem>();
  readonly edited = output<ExecutionListItem>();
  /** Replay the run's stored log at its own pace. */
  readonly replayed = output<ExecutionListItem>();
  /** "Re-run": run the program again. */
  readonly rerun = output<ExecutionListItem>();
  /** "File": open the saved file the run came from (by name). */
  readonly fileOpened = output<string>();
  readonly moreRequested = output<void>();

  /** A run that has ended has a whole log to replay. */
  protected ended(run: ExecutionListItem): boolean {
    return isFinalStatus(run.status);
  }

  protected startOf(run: ExecutionListItem): string {
    const date = new Date(run.started_at ?? run.created_at);
    return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
  }

  protected durationOf(run: ExecutionListItem): string {
    if (!run.started_at) return '';
    const end = run.finished_at ? Date.parse(run.finished_at) : this.now() || Date.now();
    return formatDuration(end - Date.parse(run.started_at));
  }

  protected firstLine(run: ExecutionListItem): string {
    return run.program_preview.split('\n', 1)[0].trim() || '(empty program)';
  }
}

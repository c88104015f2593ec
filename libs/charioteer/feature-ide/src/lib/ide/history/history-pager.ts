import { computed, inject, Injectable, signal } from '@angular/core';
import type { ExecutionListItem } from '@chariot/contract';
import { map, Observable } from 'rxjs';
import { HistoryService } from '@chariot/charioteer-data-access';

/** Runs fetched per history page. */
export const HISTORY_PAGE = 100;

/**
 * The history sidebar's list of past runs, newest first, a page at a time. Runs started since
 * the first page shift the offsets of the next ones, so a run already listed is not repeated.
 */
@Injectable()
export class HistoryPager {
  private readonly api = inject(HistoryService);

  private readonly runsState = signal<readonly ExecutionListItem[]>([]);
  private readonly totalState = signal(0);
  private readonly loadingState = signal(false);

  readonly runs = this.runsState.asReadonly();
  /** How many runs the server holds. */
  readonly total = this.totalState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly hasMore = computed(() => this.totalState() > this.runsState().length);

  /** The first page again (the newest runs). */
  refresh(): void {
    this.load(0);
  }

  /** A listed run's whole program: a list item carries only its start. */
  programOf(run: ExecutionListItem): Observable<string> {
    return this.api.get(run.id).pipe(map((execution) => execution.program));
  }

  /** The next page, after the runs listed. */
  more(): void {
    this.load(this.runsState().length);
  }

  private load(offset: number): void {
    this.loadingState.set(true);
    this.api.list(HISTORY_PAGE, offset).subscribe({
      next: (page) => {
        if (offset === 0) {
          this.runsState.set(page.items);
        } else {
          const known = new Set(this.runsState().map((run) => run.id));
          this.runsState.update((runs) => [...runs, ...page.items.filter((run) => !known.has(run.id))]);
        }
        this.totalState.set(page.total);
        this.loadingState.set(false);
      },
      error: () => this.loadingState.set(false),
    });
  }
}

import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ProgressEvent as ExecutionProgress } from '@chariot/contract';
import { formatDuration, RunStatus } from '@chariot/charioteer-util';

const STATUS_LABELS: Record<RunStatus, string> = {
  idle: 'Ready',
  starting: 'Starting…',
  queued: 'Queued',
  running: 'Running…',
  paused: 'Paused',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
  interrupted: 'Interrupted',
  error: 'Error',
};

/** Run / Debug / Cancel / Stream Logs and the run status. Emits intents only. */
@Component({
  selector: 'ch-run-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './run-toolbar.component.html',
  styleUrl: './run-toolbar.component.css',
})
export class RunToolbarComponent {
  readonly running = input(false);
  readonly cancelling = input(false);
  readonly streamLogs = input(true);
  readonly status = input<RunStatus>('idle');
  readonly progress = input<ExecutionProgress | null>(null);
  /** Milliseconds the run has taken (so far), or null. */
  readonly elapsed = input<number | null>(null);
  /** Where the debugger holds the run (status `paused`), 1-based. */
  readonly pausedLine = input<number | null>(null);

  readonly runRequested = output<void>();
  readonly debugRequested = output<void>();
  readonly cancelRequested = output<void>();
  readonly streamLogsChange = output<boolean>();

  protected readonly label = computed(() => {
    const line = this.pausedLine();
    return this.status() === 'paused' && line !== null ? `Paused at line ${line}` : STATUS_LABELS[this.status()];
  });
  protected readonly elapsedLabel = computed(() => {
    const ms = this.elapsed();
    return ms === null ? null : formatDuration(ms);
  });

  protected onToggle(event: Event): void {
    this.streamLogsChange.emit((event.target as HTMLInputElement).checked);
  }
}

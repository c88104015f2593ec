import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ProgressEvent as ExecutionProgress } from '@chariot/contract';
import { formatDuration, RunStatus } from '@chariot/charioteer-util';

const STATUS_LABELS: Record<RunStatus, string> = {
  idle: 'Ready',
  starting: 'Starting…',
  queued: 'Queued',
  running: 'Running…',
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
  template: `
    <div class="bar" role="toolbar" aria-label="Run controls">
      <button
        type="button"
        class="run"
        data-testid="run"
        title="Run (Ctrl+Enter)"
        [disabled]="running()"
        (click)="runRequested.emit()"
      >
        <span aria-hidden="true">▶</span> Run
      </button>
      <button
        type="button"
        class="debug"
        data-testid="debug"
        title="Debug (F5): run with logs streamed and stop at the breakpoints (none set: at the first line)"
        [disabled]="running()"
        (click)="debugRequested.emit()"
      >
        <span class="bug" aria-hidden="true"></span> Debug
      </button>
      @if (running()) {
        <button
          type="button"
          class="cancel"
          data-testid="cancel"
          title="Cancel the running script"
          [disabled]="cancelling()"
          (click)="cancelRequested.emit()"
        >
          <span aria-hidden="true">■</span> {{ cancelling() ? 'Cancelling…' : 'Cancel' }}
        </button>
      }
      <label class="toggle" title="Stream logs live while the script runs (off: run synchronously)">
        <input
          type="checkbox"
          data-testid="stream-toggle"
          [checked]="streamLogs()"
          [disabled]="running()"
          (change)="onToggle($event)"
        />
        Stream Logs
      </label>
      <span class="status" data-testid="status" role="status" [attr.data-status]="status()">
        <span class="dot" aria-hidden="true"></span>{{ label() }}
        @if (elapsedLabel(); as e) {
          <span class="elapsed" data-testid="elapsed">{{ e }}</span>
        }
      </span>
      @if (progress(); as p) {
        <span class="progress" data-testid="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
          [attr.aria-valuenow]="p.percent" [attr.aria-valuetext]="p.percent + '% ' + p.message" [title]="p.message">
          <span class="track"><span class="fill" [style.width.%]="p.percent"></span></span>
          {{ p.percent }}%
          @if (p.message) {
            <span class="message" data-testid="progress-message">{{ p.message }}</span>
          }
        </span>
      }
    </div>
  `,
  styles: `
    :host { display: block; }
    .bar { display: flex; align-items: center; gap: 10px; height: 100%; }
    button {
      display: inline-flex; align-items: center; gap: 6px; padding: 5px 14px; border: 0;
      border-radius: 3px; font: inherit; font-size: 13px; color: #fff; cursor: pointer; white-space: nowrap;
    }
    button:focus-visible, input:focus-visible { outline: 2px solid #fff; outline-offset: 1px; }
    button:disabled { opacity: 0.55; cursor: default; }
    .run { background: #007acc; }
    .run:hover:not(:disabled) { background: #1189d6; }
    .debug { background: #3c3c3c; }
    .bug { width: 8px; height: 8px; border-radius: 50%; background: #e51400; }
    .debug:hover:not(:disabled) { background: #4a4a4a; }
    .cancel { background: #a1260d; }
    .cancel:hover:not(:disabled) { background: #c72e0f; }
    .toggle { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; color: #cccccc; cursor: pointer; white-space: nowrap; }
    .toggle input { accent-color: #007acc; margin: 0; }
    .status { display: inline-flex; align-items: center; gap: 6px; font-size: 12px; color: #cccccc; min-width: 90px; white-space: nowrap; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: #6e6e6e; }
    [data-status='starting'] .dot, [data-status='queued'] .dot, [data-status='running'] .dot { background: #007acc; }
    [data-status='succeeded'] .dot { background: #4ec9b0; }
    [data-status='failed'] .dot, [data-status='error'] .dot, [data-status='timed_out'] .dot, [data-status='interrupted'] .dot { background: #f44747; }
    [data-status='cancelled'] .dot { background: #dcdcaa; }
    .elapsed { color: #9d9d9d; font-variant-numeric: tabular-nums; }
    .message { max-width: 160px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: #9d9d9d; }
    .progress { display: inline-flex; align-items: center; gap: 6px; font-size: 12px; color: #cccccc; }
    .track { width: 90px; height: 4px; background: #3c3c3c; border-radius: 2px; overflow: hidden; }
    .fill { display: block; height: 100%; background: #007acc; transition: width 120ms linear; }
  `,
})
export class RunToolbarComponent {
  readonly running = input(false);
  readonly cancelling = input(false);
  readonly streamLogs = input(true);
  readonly status = input<RunStatus>('idle');
  readonly progress = input<ExecutionProgress | null>(null);
  /** Milliseconds the run has taken (so far), or null. */
  readonly elapsed = input<number | null>(null);

  readonly runRequested = output<void>();
  readonly debugRequested = output<void>();
  readonly cancelRequested = output<void>();
  readonly streamLogsChange = output<boolean>();

  protected readonly label = computed(() => STATUS_LABELS[this.status()]);
  protected readonly elapsedLabel = computed(() => {
    const ms = this.elapsed();
    return ms === null ? null : formatDuration(ms);
  });

  protected onToggle(event: Event): void {
    this.streamLogsChange.emit((event.target as HTMLInputElement).checked);
  }
}

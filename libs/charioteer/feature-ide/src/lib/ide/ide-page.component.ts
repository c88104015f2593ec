import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ApiError, AuthService, FunctionsService, WorkspaceStateService } from '@chariot/charioteer-data-access';
import {
  ChangePasswordDialogComponent,
  CodeEditorComponent,
  OutputPanelComponent,
  PasswordChange,
  RunToolbarComponent,
} from '@chariot/charioteer-ui';
import { IdeStore } from './ide.store';

/** The IDE screen: toolbar, editor and output panel around one IdeStore. */
@Component({
  selector: 'ch-ide-page',
  imports: [ChangePasswordDialogComponent, CodeEditorComponent, OutputPanelComponent, RunToolbarComponent],
  providers: [IdeStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown)': 'onKeydown($event)' },
  template: `
    <header class="toolbar">
      <span class="brand"><span class="logo" aria-hidden="true">⚡</span>Charioteer</span>
      <ch-run-toolbar
        [running]="store.running()"
        [cancelling]="store.cancelling()"
        [streamLogs]="workspace.streamLogs()"
        [status]="store.status()"
        [progress]="store.progress()"
        (runRequested)="run()"
        (cancelRequested)="store.cancel()"
        (streamLogsChange)="workspace.streamLogs.set($event)"
      />
      <span class="spacer"></span>
      @if (store.connection() === 'reconnecting') {
        <span class="chip warn" data-testid="reconnecting" role="status">Reconnecting…</span>
      }
      @if (store.executionId(); as id) {
        <span class="chip" data-testid="execution-id" [title]="'Execution ' + id">{{ id.slice(0, 8) }}</span>
      }
      @if (profile(); as user) {
        @if (user.must_change_password) {
          <button type="button" class="chip warn" data-testid="default-password" (click)="passwordOpen.set(true)"
            title="The account still uses its initial password: change it">
            default password
          </button>
        }
        <button type="button" class="link user" data-testid="user" title="Change password" (click)="passwordOpen.set(true)">
          {{ user.username }}
        </button>
      }
      <button type="button" class="link" data-testid="logout" (click)="logout()">Log out</button>
    </header>
    <main class="workspace">
      <section class="pane editor-pane" aria-label="Script editor">
        <div class="pane-title">Script</div>
        <ch-code-editor
          class="pane-body"
          [value]="workspace.script()"
          [catalog]="catalog()"
          [diagnostic]="store.diagnostic()"
          (valueChange)="workspace.script.set($event)"
          (runRequested)="run()"
        />
      </section>
      <section class="pane output-pane" aria-label="Output">
        <div class="pane-title">
          Output
          <span class="count">{{ logCount() }} log {{ logCount() === 1 ? 'entry' : 'entries' }}</span>
          <button type="button" class="link" data-testid="clear" [disabled]="store.running()" (click)="store.clear()">
            Clear
          </button>
        </div>
        <ch-output-panel class="pane-body" [lines]="store.lines()" />
      </section>
    </main>
    <ch-change-password-dialog
      [open]="passwordOpen()"
      [busy]="passwordBusy()"
      [error]="passwordError()"
      [mustChange]="!!profile()?.must_change_password"
      (submitted)="changePassword($event)"
      (closed)="closePasswordDialog()"
    />
  `,
  styles: `
    :host { display: flex; flex-direction: column; height: 100%; min-height: 0; }
    .toolbar {
      display: flex; align-items: center; gap: 16px; height: 44px; padding: 0 14px; flex: none;
      background: #2d2d30; border-bottom: 1px solid #3f3f46;
    }
    .brand { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; color: #fff; }
    .logo { color: #007acc; }
    .spacer { flex: 1; }
    .chip {
      padding: 2px 8px; border-radius: 10px; background: #3c3c3c; color: #cccccc;
      font: 12px Consolas, 'Courier New', monospace;
    }
    .chip.warn { border: 0; background: #4d3800; color: #dcdcaa; font-family: inherit; cursor: pointer; }
    .chip.warn:focus-visible { outline: 2px solid #007acc; }
    .link.user { color: #cccccc; }
    .link {
      background: none; border: 0; color: #3794ff; font: inherit; font-size: 13px; cursor: pointer; padding: 2px 4px;
    }
    .link:hover:not(:disabled) { text-decoration: underline; }
    .link:disabled { color: #6e6e6e; cursor: default; }
    .link:focus-visible { outline: 2px solid #007acc; }
    .workspace { display: flex; flex: 1; min-height: 0; }
    .pane { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
    .editor-pane { flex: 55 1 0; border-right: 1px solid #3f3f46; }
    .output-pane { flex: 45 1 0; }
    .pane-title {
      display: flex; align-items: center; gap: 10px; height: 28px; padding: 0 12px; flex: none;
      background: #252526; color: #bbbbbb; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em;
    }
    .count { color: #6e6e6e; text-transform: none; letter-spacing: 0; }
    .pane-title .link { margin-left: auto; font-size: 12px; text-transform: none; letter-spacing: 0; }
    .pane-body { flex: 1; min-height: 0; }
    @media (max-width: 900px) {
      .workspace { flex-direction: column; }
      .editor-pane { border-right: 0; border-bottom: 1px solid #3f3f46; }
    }
  `,
})
export class IdePageComponent {
  protected readonly store = inject(IdeStore);
  protected readonly workspace = inject(WorkspaceStateService);
  private readonly auth = inject(AuthService);

  protected readonly profile = this.auth.profile;
  protected readonly catalog = toSignal(inject(FunctionsService).catalog$, { initialValue: null });
  protected readonly logCount = this.store.logCount;

  protected readonly passwordOpen = signal(false);
  protected readonly passwordBusy = signal(false);
  protected readonly passwordError = signal<string | null>(null);

  protected changePassword({ currentPassword, newPassword }: PasswordChange): void {
    this.passwordBusy.set(true);
    this.passwordError.set(null);
    this.auth.changePassword(currentPassword, newPassword).subscribe({
      next: () => {
        this.passwordBusy.set(false);
        this.passwordOpen.set(false);
      },
      error: (error: unknown) => {
        this.passwordBusy.set(false);
        const body = ApiError.from(error).body;
        this.passwordError.set(body.details?.length ? `${body.message}: ${body.details.join('; ')}` : body.message);
      },
    });
  }

  protected closePasswordDialog(): void {
    this.passwordOpen.set(false);
    this.passwordError.set(null);
  }

  protected run(): void {
    this.store.run();
  }

  protected logout(): void {
    this.auth.logout().subscribe();
  }

  /** Ctrl/Cmd+Enter anywhere on the page runs (the editor handles it itself when focused). */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      this.run();
    }
  }
}

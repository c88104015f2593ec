import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, signal, untracked, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { ExecutionSummary } from '@chariot/contract';
import type { FunctionEntry } from '@chariot/charioteer-util';
import {
  ApiError,
  AuthService,
  clampSplit,
  FunctionsService,
  HistoryService,
  WorkspaceStateService,
} from '@chariot/charioteer-data-access';
import {
  ChangePasswordDialogComponent,
  CodeEditorComponent,
  DebugToolbarComponent,
  debugActionForKey,
  FileListComponent,
  FunctionLibraryComponent,
  HistoryListComponent,
  OutputPanelComponent,
  PasswordChange,
  PromptDialogComponent,
  RunToolbarComponent,
  VariablesPanelComponent,
} from '@chariot/charioteer-ui';
import { FilesStore } from './files.store';
import { IdeStore } from './ide.store';

type SidebarTab = 'files' | 'history' | 'functions';
type OutputTab = 'output' | 'variables';

/** Runs fetched per history page. */
const HISTORY_PAGE = 100;

/** The IDE screen: toolbar, editor and output panel around one IdeStore. */
@Component({
  selector: 'ch-ide-page',
  imports: [
    ChangePasswordDialogComponent,
    CodeEditorComponent,
    DebugToolbarComponent,
    FileListComponent,
    FunctionLibraryComponent,
    HistoryListComponent,
    NgTemplateOutlet,
    OutputPanelComponent,
    PromptDialogComponent,
    RunToolbarComponent,
    VariablesPanelComponent,
  ],
  providers: [IdeStore, FilesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:keydown)': 'onKeydown($event)', '(window:beforeunload)': 'onBeforeUnload($event)' },
  template: `
    <header class="toolbar">
      <span class="brand"><span class="logo" aria-hidden="true">⚡</span>Charioteer</span>
      <ch-run-toolbar
        [running]="store.running()"
        [cancelling]="store.cancelling()"
        [streamLogs]="workspace.streamLogs()"
        [status]="store.status()"
        [progress]="store.progress()"
        [elapsed]="store.clock.elapsed()"
        (runRequested)="run()"
        (debugRequested)="debug()"
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
      <nav class="sidebar" aria-label="Files, history and functions">
        <div class="tabs" role="tablist">
          <button type="button" role="tab" data-testid="tab-files" [attr.aria-selected]="tab() === 'files'"
            (click)="showTab('files')">Files</button>
          <button type="button" role="tab" data-testid="tab-history" [attr.aria-selected]="tab() === 'history'"
            (click)="showTab('history')">History</button>
          <button type="button" role="tab" data-testid="tab-functions" [attr.aria-selected]="tab() === 'functions'"
            (click)="showTab('functions')">Functions</button>
        </div>
        <div class="tab-body" role="tabpanel">
          @if (tab() === 'files') {
            <ch-file-list [files]="files.files()" [current]="workspace.fileName()" [dirty]="workspace.dirty()"
              [loading]="files.loading()" (opened)="files.open($event)" />
          } @else if (tab() === 'functions') {
            <ch-function-library [functions]="catalog()?.functions ?? []" (inserted)="insertCall($event)" />
          } @else {
            <div class="history-tools">
              <button type="button" class="link" data-testid="history-refresh" (click)="refreshHistory()">Refresh</button>
              @if (historyTotal() > runs().length) {
                <span class="muted">{{ runs().length }} of {{ historyTotal() }}</span>
              }
            </div>
            <ch-history-list [runs]="runs()" [current]="store.executionId()" [loading]="historyLoading()"
              [hasMore]="historyTotal() > runs().length" (opened)="openRun($event)" (edited)="files.openProgram($event.program)"
              (moreRequested)="loadMoreHistory()" />
          }
        </div>
      </nav>
      <section class="pane editor-pane" aria-label="Script editor" [style.flex-grow]="workspace.split()">
        <div class="pane-title">
          <span class="file-name" data-testid="file-name">{{ workspace.fileName() ?? 'untitled' }}</span>
          @if (workspace.dirty()) {
            <span class="dirty" data-testid="dirty" title="Unsaved changes" aria-label="unsaved changes">●</span>
          }
          <span class="file-actions" role="toolbar" aria-label="File">
            <button type="button" class="link" data-testid="file-new" (click)="files.newFile()">New</button>
            <button type="button" class="link" data-testid="file-save" title="Save (Ctrl+S)" (click)="files.save()">Save</button>
            <button type="button" class="link" data-testid="file-save-as" (click)="files.saveAs()">Save As</button>
            <button type="button" class="link" data-testid="file-rename" [disabled]="!workspace.fileName()" (click)="files.rename()">Rename</button>
            <button type="button" class="link" data-testid="file-delete" [disabled]="!workspace.fileName()" (click)="files.delete()">Delete</button>
          </span>
        </div>
        @if (store.debugging() && store.running()) {
          <ch-debug-toolbar class="debug-bar" [paused]="store.paused()" [busy]="store.debugSession.busy()" (action)="store.step($event)" />
        }
        @if (files.notice(); as notice) {
          <div class="notice" data-testid="notice" role="status" [class.error]="notice.error">{{ notice.text }}</div>
        }
        <ch-code-editor
          #editor
          class="pane-body"
          [value]="workspace.script()"
          [catalog]="catalog()"
          [diagnostic]="store.diagnostic()"
          [breakpoints]="workspace.breakpoints()"
          [pausedLine]="store.paused()?.line ?? null"
          (valueChange)="workspace.script.set($event)"
          (breakpointsChange)="workspace.breakpoints.set($event)"
          (runRequested)="run()"
        />
      </section>
      <div #splitter class="splitter" data-testid="splitter" role="separator" tabindex="0" aria-orientation="vertical"
        aria-label="Resize editor and output" aria-valuemin="20" aria-valuemax="80" [attr.aria-valuenow]="splitPercent()"
        (pointerdown)="startResize($event)" (keydown)="resizeByKey($event)"></div>
      <section class="pane output-pane" aria-label="Output" [style.flex-grow]="1 - workspace.split()">
        <!-- Both panels stay alive: the log keeps its scroll position, filter and search. -->
        <ch-output-panel class="pane-body" [class.hidden]="outputTab() !== 'output'" [lines]="store.output.lines()"
          [clearDisabled]="store.running()" [downloadName]="downloadName()" (clearRequested)="store.clear()">
          <ng-container *ngTemplateOutlet="outputTabs" />
          <span class="count">{{ logCount() }} log {{ logCount() === 1 ? 'entry' : 'entries' }}</span>
        </ch-output-panel>
        <ch-variables-panel class="pane-body" [class.hidden]="outputTab() !== 'variables'"
          [variables]="store.inspector.variables()" [state]="store.inspector.status()">
          <ng-container *ngTemplateOutlet="outputTabs" />
        </ch-variables-panel>
        <ng-template #outputTabs>
          <span class="output-tabs" role="tablist" aria-label="Output views">
            <button type="button" role="tab" data-testid="tab-output" [attr.aria-selected]="outputTab() === 'output'"
              (click)="outputTab.set('output')">Output</button>
            <button type="button" role="tab" data-testid="tab-variables" [attr.aria-selected]="outputTab() === 'variables'"
              title="The variables the run left defined" (click)="outputTab.set('variables')">
              Variables
              @if (store.inspector.variables()?.length) {
                <span class="badge" data-testid="variables-badge">{{ store.inspector.variables()?.length }}</span>
              }
            </button>
          </span>
        </ng-template>
      </section>
    </main>
    <ch-prompt-dialog [request]="files.prompt()" [error]="files.promptError()" [busy]="files.promptBusy()"
      (confirmed)="files.confirm($event)" (cancelled)="files.closePrompt()" />
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
      padding: 2px 8px; white-space: nowrap; border-radius: 10px; background: #3c3c3c; color: #cccccc;
      font: 12px Consolas, 'Courier New', monospace;
    }
    .chip.warn { border: 0; background: #4d3800; color: #dcdcaa; font-family: inherit; cursor: pointer; }
    .chip.warn:focus-visible { outline: 2px solid #007acc; }
    .link.user { color: #cccccc; }
    .link {
      white-space: nowrap; background: none; border: 0; color: #3794ff; font: inherit; font-size: 13px; cursor: pointer; padding: 2px 4px;
    }
    .link:hover:not(:disabled) { text-decoration: underline; }
    .link:disabled { color: #6e6e6e; cursor: default; }
    .link:focus-visible { outline: 2px solid #007acc; }
    .workspace { display: flex; flex: 1; min-height: 0; }
    .sidebar { display: flex; flex-direction: column; width: 230px; flex: none; background: #252526; border-right: 1px solid #3f3f46; }
    .tabs { display: flex; flex: none; }
    .tabs button {
      flex: 1; height: 28px; border: 0; border-bottom: 2px solid transparent; background: none; color: #9d9d9d;
      font: inherit; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; cursor: pointer;
    }
    .tabs button[aria-selected='true'] { color: #fff; border-bottom-color: #007acc; }
    .tabs button:focus-visible { outline: 1px solid #007acc; outline-offset: -1px; }
    .tab-body { flex: 1; min-height: 0; overflow: auto; }
    .history-tools { display: flex; align-items: center; gap: 8px; padding: 4px 8px 0; }
    .muted { color: #6e6e6e; font-size: 12px; }
    .pane { display: flex; flex-direction: column; min-width: 0; min-height: 0; flex-basis: 0; flex-shrink: 1; }
    .splitter { flex: none; width: 5px; cursor: col-resize; background: #2d2d30; border-left: 1px solid #3f3f46; }
    .splitter:hover, .splitter:focus-visible { background: #007acc; outline: none; }
    .file-name { text-transform: none; letter-spacing: 0; color: #e7e7e7; font-size: 12px; }
    .dirty { color: #e2c08d; font-size: 11px; }
    .file-actions { display: inline-flex; gap: 2px; margin-left: auto; }
    .file-actions .link { font-size: 12px; text-transform: none; letter-spacing: 0; }
    .debug-bar { flex: none; height: 30px; padding: 0 12px; background: #252526; border-bottom: 1px solid #3f3f46; }
    .notice { flex: none; padding: 3px 12px; background: #1b3a4b; color: #cccccc; font-size: 12px; }
    .notice.error { background: #5a1d1d; color: #f48771; }
    .pane-title {
      display: flex; align-items: center; gap: 10px; height: 28px; padding: 0 12px; flex: none;
      background: #252526; color: #bbbbbb; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em;
    }
    .count { color: #6e6e6e; text-transform: none; letter-spacing: 0; }
    .pane-body { flex: 1; min-height: 0; }
    .pane-body.hidden { display: none; }
    .output-tabs { display: inline-flex; gap: 2px; }
    .output-tabs button {
      height: 28px; padding: 0 6px; border: 0; border-bottom: 2px solid transparent; background: none; color: #9d9d9d;
      font: inherit; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; cursor: pointer;
    }
    .output-tabs button[aria-selected='true'] { color: #fff; border-bottom-color: #007acc; }
    .output-tabs button:focus-visible { outline: 1px solid #007acc; outline-offset: -1px; }
    .badge {
      margin-left: 3px; padding: 0 5px; border-radius: 8px; background: #3c3c3c; color: #cccccc;
      font-size: 10px; letter-spacing: 0;
    }
    @media (max-width: 900px) {
      .sidebar { width: 170px; }
    }
  `,
})
export class IdePageComponent {
  protected readonly store = inject(IdeStore);
  protected readonly files = inject(FilesStore);
  private readonly historyApi = inject(HistoryService);
  protected readonly workspace = inject(WorkspaceStateService);
  private readonly auth = inject(AuthService);

  protected readonly profile = this.auth.profile;
  protected readonly catalog = toSignal(inject(FunctionsService).catalog$, { initialValue: null });
  protected readonly logCount = this.store.output.logCount;

  protected readonly tab = signal<SidebarTab>('files');
  protected readonly outputTab = signal<OutputTab>('output');
  protected readonly runs = signal<readonly ExecutionSummary[]>([]);
  protected readonly historyTotal = signal(0);
  protected readonly historyLoading = signal(false);
  protected readonly splitPercent = computed(() => Math.round(this.workspace.split() * 100));
  protected readonly downloadName = computed(() => {
    const id = this.store.executionId();
    return id ? `execution-${id}.log` : 'output.log';
  });
  private readonly splitter = viewChild.required<ElementRef<HTMLElement>>('splitter');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly editor = viewChild.required<CodeEditorComponent>('editor');

  protected readonly passwordOpen = signal(false);
  protected readonly passwordBusy = signal(false);
  protected readonly passwordError = signal<string | null>(null);

  /** The execution whose first pause brought the Variables view forward (once per run). */
  private variablesShownFor: string | null = null;

  constructor() {
    this.files.refresh();
    effect(() => {
      const id = this.store.executionId();
      if (this.store.paused() && id !== untracked(() => this.variablesShownFor)) {
        this.variablesShownFor = id;
        this.outputTab.set('variables');
      }
    });
    // A run that ends (or starts) changes the history: refresh it when it is on screen.
    effect(() => {
      this.store.running();
      this.store.executionId();
      if (untracked(this.tab) === 'history') untracked(() => this.refreshHistory());
    });
  }

  protected showTab(tab: SidebarTab): void {
    this.tab.set(tab);
    if (tab === 'history') this.refreshHistory();
    else if (tab === 'files') this.files.refresh();
  }

  /** A builtin chosen in the function library goes in at the caret, ready for its arguments. */
  protected insertCall(entry: FunctionEntry): void {
    this.editor().insert(`${entry.name}()`, entry.name.length + 1);
  }

  protected refreshHistory(): void {
    this.loadHistory(0);
  }

  /** The next page; runs started since the first page shift the offsets, so repeats are dropped. */
  protected loadMoreHistory(): void {
    this.loadHistory(this.runs().length);
  }

  private loadHistory(offset: number): void {
    this.historyLoading.set(true);
    this.historyApi.list(HISTORY_PAGE, offset).subscribe({
      next: (page) => {
        if (offset === 0) {
          this.runs.set(page.items);
        } else {
          const known = new Set(this.runs().map((run) => run.id));
          this.runs.update((runs) => [...runs, ...page.items.filter((run) => !known.has(run.id))]);
        }
        this.historyTotal.set(page.total);
        this.historyLoading.set(false);
      },
      error: () => this.historyLoading.set(false),
    });
  }

  /** Shows a past run; a run in progress goes on on the server and can be reopened from here. */
  protected openRun(run: ExecutionSummary): void {
    this.store.open(run);
  }

  protected startResize(event: PointerEvent): void {
    const handle = this.splitter().nativeElement;
    const container = handle.parentElement;
    const sidebar = container?.firstElementChild as HTMLElement | null;
    if (!container) return;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => {
      const box = container.getBoundingClientRect();
      const left = box.left + (sidebar?.offsetWidth ?? 0);
      this.workspace.split.set(clampSplit((e.clientX - left) / Math.max(1, box.right - left)));
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    event.preventDefault();
  }

  protected resizeByKey(event: KeyboardEvent): void {
    const step = event.key === 'ArrowLeft' ? -0.05 : event.key === 'ArrowRight' ? 0.05 : 0;
    if (step) {
      event.preventDefault();
      this.workspace.split.update((split) => clampSplit(split + step));
    }
  }

  /** The browser's "leave site?" prompt while the editor holds unsaved changes. */
  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.workspace.dirty()) {
      event.preventDefault();
      event.returnValue = '';
    }
  }

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

  protected debug(): void {
    this.store.debug();
  }

  protected logout(): void {
    this.auth.logout().subscribe();
  }

  /**
   * Ctrl/Cmd+Enter anywhere on the page runs (the editor handles it itself when focused); Ctrl/Cmd+S
   * saves; F5 debugs (when the focus is in the IDE: elsewhere it still reloads the page), and
   * while paused F5, F10, F11 and Shift+F11 continue and step wherever the focus is.
   */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    if (!event.ctrlKey && !event.metaKey && !event.altKey) {
      const action = debugActionForKey(event);
      if (action && this.store.paused()) {
        event.preventDefault();
        this.store.step(action);
      } else if (event.key === 'F5' && !event.shiftKey && !this.store.running() && this.hasFocusIn(event)) {
        event.preventDefault();
        this.debug();
      }
      return;
    }
    if (!(event.ctrlKey || event.metaKey)) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.run();
    } else if (event.key.toLowerCase() === 's' && !event.altKey) {
      event.preventDefault();
      if (event.shiftKey) this.files.saveAs();
      else this.files.save();
    }
  }

  private hasFocusIn(event: KeyboardEvent): boolean {
    return event.target instanceof Node && this.host.nativeElement.contains(event.target);
  }
}

import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { SIDEBAR_MAX, SIDEBAR_MIN, type FunctionEntry } from '@chariot/charioteer-util';
import { FunctionsService, WorkspaceStateService } from '@chariot/charioteer-data-access';
import type { ExecutionListItem } from '@chariot/contract';
import {
  CodeEditorComponent,
  DebugPanelComponent,
  DebugToolbarComponent,
  EdgeResizerDirective,
  FileListComponent,
  FunctionLibraryComponent,
  HistoryListComponent,
  OutputPanelComponent,
  PromptDialogComponent,
  RunToolbarComponent,
  SplitterDirective,
  VariablesPanelComponent,
} from '@chariot/charioteer-ui';
import { AccountMenuComponent } from './account/account-menu.component';
import { AddressSync } from './address/address-sync';
import { FilesStore } from './files.store';
import { HistoryPager } from './history/history-pager';
import { ideCommandFor } from './ide-keymap';
import { IdeStore } from './ide.store';
import { REPLAY_SPEEDS } from './run/log-replay';

type SidebarTab = 'files' | 'history' | 'functions';
type OutputTab = 'output' | 'variables' | 'debug';

/**
 * The IDE screen: toolbar, Files/History/Functions sidebar, editor and output panel around
 * one IdeStore (the run), one FilesStore (the file workflow) and one HistoryPager.
 */
@Component({
  selector: 'ch-ide-page',
  imports: [
    AccountMenuComponent,
    CodeEditorComponent,
    DebugPanelComponent,
    DebugToolbarComponent,
    EdgeResizerDirective,
    FileListComponent,
    FunctionLibraryComponent,
    HistoryListComponent,
    NgTemplateOutlet,
    OutputPanelComponent,
    PromptDialogComponent,
    RunToolbarComponent,
    SplitterDirective,
    VariablesPanelComponent,
  ],
  providers: [IdeStore, FilesStore, HistoryPager, AddressSync],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:keydown)': 'onKeydown($event)', '(window:beforeunload)': 'onBeforeUnload($event)' },
  templateUrl: './ide-page.component.html',
  styleUrl: './ide-page.component.css',
})
export class IdePageComponent {
  protected readonly store = inject(IdeStore);
  protected readonly files = inject(FilesStore);
  protected readonly history = inject(HistoryPager);
  protected readonly workspace = inject(WorkspaceStateService);

  protected readonly catalog = toSignal(inject(FunctionsService).catalog$, { initialValue: null });
  protected readonly tab = signal<SidebarTab>('files');
  protected readonly sidebarMin = SIDEBAR_MIN;
  protected readonly sidebarMax = SIDEBAR_MAX;
  protected readonly outputTab = signal<OutputTab>('output');
  protected readonly replaySpeeds = REPLAY_SPEEDS;
  /** While a debugged run goes on, Output and Variables stand side by side instead of as tabs. */
  protected readonly sideBySide = computed(() => this.store.debugging() && this.store.running());
  protected readonly downloadName = computed(() => {
    const id = this.store.executionId();
    return id ? `execution-${id}.log` : 'output.log';
  });
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly editor = viewChild.required<CodeEditorComponent>('editor');

  constructor() {
    inject(AddressSync);
    this.files.refresh();
    // A run that ends (or starts) changes the history: refresh it when it is on screen.
    effect(() => {
      this.store.running();
      this.store.executionId();
      if (untracked(this.tab) === 'history') untracked(() => this.history.refresh());
    });
  }

  protected showTab(tab: SidebarTab): void {
    this.tab.set(tab);
    if (tab === 'history') this.history.refresh();
    else if (tab === 'files') this.files.refresh();
  }

  /** A builtin chosen in the function library goes in at the caret, ready for its arguments. */
  /** History's "Edit": the run's whole program in the editor (its list item holds only the start). */
  protected editProgramOf(run: ExecutionListItem): void {
    this.history.programOf(run).subscribe((program) => this.files.openProgram(program));
  }

  protected insertCall(entry: FunctionEntry): void {
    this.editor().insert(`${entry.name}()`, entry.name.length + 1);
  }

  /** The browser's "leave site?" prompt while the editor holds unsaved changes. */
  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.workspace.dirty()) {
      event.preventDefault();
      event.returnValue = '';
    }
  }

  /** The page's keys (see `ideCommandFor`). */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    const command = ideCommandFor(event, {
      paused: this.store.paused() !== null,
      running: this.store.running(),
      focusInIde: event.target instanceof Node && this.host.nativeElement.contains(event.target),
    });
    if (!command) return;
    event.preventDefault();
    if (command === 'run') this.store.run();
    else if (command === 'debug') this.store.debug();
    else if (command === 'save') this.files.save();
    else if (command === 'saveAs') this.files.saveAs();
    else this.store.step(command.step);
  }
}

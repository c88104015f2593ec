import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { FileSummary } from '@chariot/contract';
import { ApiError, FilesService, WorkspaceStateService } from '@chariot/charioteer-data-access';
import type { PromptRequest } from '@chariot/charioteer-ui';
import { Observable, of, tap } from 'rxjs';

/** What confirming the open prompt does; an error keeps the prompt open and shows it. */
type PromptAction = (value: string) => Observable<unknown>;

/** How long a notice stays (ms) unless dismissed: a confirmation, and an error (longer, to be read). */
export const NOTICE_MS = 5000;
export const NOTICE_ERROR_MS = 15000;

/** `name` with the `.ch` extension the API requires (added when the user left it out). */
export function withExtension(name: string): string {
  const trimmed = name.trim();
  return trimmed.toLowerCase().endsWith('.ch') ? trimmed : `${trimmed}.ch`;
}

/**
 * The file workflow of the IDE page: list, new, open, save, save as, rename, delete, with a
 * confirmation before unsaved changes are discarded. The editor text itself lives in
 * WorkspaceStateService; this store only moves it to and from the API.
 */
@Injectable()
export class FilesStore {
  private readonly api = inject(FilesService);
  private readonly workspace = inject(WorkspaceStateService);

  readonly files = signal<readonly FileSummary[]>([]);
  readonly loading = signal(false);
  readonly prompt = signal<PromptRequest | null>(null);
  readonly promptError = signal<string | null>(null);
  readonly promptBusy = signal(false);
  /** A short confirmation ("Saved hello.ch") or the last error. */
  readonly notice = signal<{ text: string; error: boolean } | null>(null);

  private action: PromptAction | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.dismissNotice());
  }

  /** Takes the notice away (its × button, or its time ran out). */
  dismissNotice(): void {
    if (this.noticeTimer !== null) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    this.notice.set(null);
  }

  refresh(): void {
    this.loading.set(true);
    this.api.list().subscribe({
      next: (files) => {
        this.files.set(files);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.say(ApiError.from(error).message, true);
      },
    });
  }

  /** Opens a file, after confirming that unsaved changes may be discarded. */
  open(name: string): void {
    if (name === this.workspace.fileName() && !this.workspace.dirty()) return;
    this.unlessDirty(`Open ${name}`, () =>
      this.api.get(name).pipe(tap(({ file, version }) => this.workspace.load(file.name, file.content, version))),
    );
  }

  /** Puts a past run's program in the editor as an untitled script (after confirming unsaved changes). */
  openProgram(program: string): void {
    this.unlessDirty('Open the program of a past run', () => {
      this.workspace.load(null, program);
      this.say('Opened the program of a past run: save it to keep it');
      return of(null);
    });
  }

  /** Asks for a name and creates an empty file under it. */
  newFile(): void {
    this.unlessDirty('New file', () => {
      this.ask(
        { title: 'New file', message: 'Name of the new script:', value: 'untitled.ch', confirmLabel: 'Create' },
        (value) => {
          const name = withExtension(value);
          if (this.exists(name)) throw new Error(`A file named ${name} exists already`);
          return this.api.save(name, '').pipe(
            tap(({ version }) => {
              this.workspace.load(name, '', version);
              this.refresh();
              this.say(`Created ${name}`);
            }),
          );
        },
      );
      return of(null);
    });
  }

  /**
   * Ctrl+S: saves under the current name (replacing only the version opened or last saved
   * here), or asks for one. When the file was saved elsewhere since, asks what to do.
   */
  save(): void {
    const name = this.workspace.fileName();
    if (!name) {
      this.saveAs();
      return;
    }
    const content = this.workspace.script();
    this.api.save(name, content, this.workspace.fileVersion() ?? undefined).subscribe({
      next: ({ version }) => this.afterChange(name, content, version, `Saved ${name}`),
      error: (error: unknown) => {
        const problem = ApiError.from(error);
        if (problem.body.code === 'FILE_CHANGED') this.resolveConflict(name);
        else this.say(`Save failed: ${problem.message}`, true);
      },
    });
  }

  saveAs(): void {
    const current = this.workspace.fileName();
    this.ask(
      {
        title: 'Save as',
        message: 'Save the script under the name:',
        value: current ?? 'untitled.ch',
        confirmLabel: 'Save',
      },
      (value) => {
        const name = withExtension(value);
        if (name !== current && this.exists(name))
          throw new Error(`A file named ${name} exists already: choose another name`);
        const content = this.workspace.script();
        return this.api
          .save(name, content)
          .pipe(tap(({ version }) => this.afterChange(name, content, version, `Saved ${name}`)));
      },
    );
  }

  /** The file was saved (or deleted) elsewhere since it was opened here: reload, overwrite or save as. */
  private resolveConflict(name: string): void {
    this.ask(
      {
        title: `${name} was changed elsewhere`,
        message:
          'It was saved in another tab or by another session after you opened it. Reload it (your changes here are lost), overwrite it with yours, or save yours under another name.',
        value: null,
        confirmLabel: 'Overwrite',
        danger: true,
        alternatives: [
          { value: 'reload', label: 'Reload' },
          { value: 'save-as', label: 'Save as…' },
        ],
      },
      (choice) => {
        if (choice === 'reload') {
          return this.api.get(name).pipe(
            tap(({ file, version }) => {
              this.workspace.load(file.name, file.content, version);
              this.say(`Reloaded ${name}`);
            }),
          );
        }
        if (choice === 'save-as') {
          this.saveAs();
          return of(null);
        }
        const content = this.workspace.script();
        return this.api
          .save(name, content)
          .pipe(tap(({ version }) => this.afterChange(name, content, version, `Overwrote ${name}`)));
      },
    );
  }

  rename(): void {
    const current = this.workspace.fileName();
    if (!current) return;
    this.ask({ title: `Rename ${current}`, message: 'New name:', value: current, confirmLabel: 'Rename' }, (value) => {
      const name = withExtension(value);
      return this.api.rename(current, name).pipe(
        tap(() => {
          this.workspace.fileName.set(name);
          this.refresh();
          this.say(`Renamed ${current} to ${name}`);
        }),
      );
    });
  }

  delete(): void {
    const current = this.workspace.fileName();
    if (!current) return;
    this.ask(
      {
        title: `Delete ${current}?`,
        message: 'The file is removed from the server. The editor keeps its text.',
        value: null,
        confirmLabel: 'Delete',
        danger: true,
      },
      () =>
        this.api.delete(current).pipe(
          tap(() => {
            // The text stays in the editor, now unsaved.
            this.workspace.fileName.set(null);
            this.workspace.fileVersion.set(null);
            this.workspace.savedContent.set('');
            this.refresh();
            this.say(`Deleted ${current}`);
          }),
        ),
    );
  }

  confirm(value: string): void {
    const action = this.action;
    if (!action) return;
    this.promptBusy.set(true);
    this.promptError.set(null);
    // Taken before the action runs: an action that opens the next prompt must not close it.
    const before = this.prompt();
    let result: Observable<unknown>;
    try {
      result = action(value);
    } catch (error) {
      this.promptBusy.set(false);
      this.promptError.set(error instanceof Error ? error.message : String(error));
      return;
    }
    result.subscribe({
      next: () => undefined,
      complete: () => {
        this.promptBusy.set(false);
        // The action may have opened the next prompt (e.g. discard → new file's name).
        if (this.prompt() === before) this.closePrompt();
      },
      error: (error: unknown) => {
        this.promptBusy.set(false);
        this.promptError.set(ApiError.from(error).message);
      },
    });
  }

  closePrompt(): void {
    this.action = null;
    this.prompt.set(null);
    this.promptError.set(null);
    this.promptBusy.set(false);
  }

  private unlessDirty(what: string, proceed: () => Observable<unknown>): void {
    if (!this.workspace.dirty()) {
      proceed().subscribe({ error: (error: unknown) => this.say(ApiError.from(error).message, true) });
      return;
    }
    const name = this.workspace.fileName() ?? 'the untitled script';
    this.ask(
      {
        title: 'Discard unsaved changes?',
        message: `${what}: the changes to ${name} are not saved and will be lost.`,
        value: null,
        confirmLabel: 'Discard changes',
        danger: true,
      },
      () => proceed(),
    );
  }

  private ask(request: PromptRequest, action: PromptAction): void {
    this.action = action;
    this.promptError.set(null);
    this.promptBusy.set(false);
    this.prompt.set(request);
  }

  private exists(name: string): boolean {
    return this.files().some((file) => file.name === name);
  }

  private afterChange(name: string, content: string, version: number | null, message: string): void {
    this.workspace.markSaved(name, content, version);
    this.refresh();
    this.say(message);
  }

  private say(text: string, error = false): void {
    this.dismissNotice();
    this.notice.set({ text, error });
    this.noticeTimer = setTimeout(() => this.dismissNotice(), error ? NOTICE_ERROR_MS : NOTICE_MS);
  }
}

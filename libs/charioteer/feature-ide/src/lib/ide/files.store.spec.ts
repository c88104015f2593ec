import { TestBed } from '@angular/core/testing';
import { ApiError, FilesService, WorkspaceStateService } from '@chariot/charioteer-data-access';
import { of, throwError } from 'rxjs';
import { FilesStore, NOTICE_ERROR_MS, NOTICE_MS, withExtension } from './files.store';

describe('FilesStore', () => {
  let store: FilesStore;
  let workspace: WorkspaceStateService;
  const api = {
    list: jest.fn(() => of([{ name: 'hello.ch', size: 1, created_at: '', updated_at: '' }])),
    get: jest.fn((name: string) =>
      of({ file: { name, content: `content of ${name}`, size: 1, created_at: '', updated_at: '' }, version: 7 }),
    ),
    save: jest.fn((name: string, _content?: string, version?: number) =>
      of({ file: { name, size: 0, created_at: '', updated_at: '' }, version: (version ?? 0) + 1 }),
    ),
    rename: jest.fn(),
    delete: jest.fn(),
  };

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    jest.clearAllMocks();
    TestBed.configureTestingModule({ providers: [FilesStore, { provide: FilesService, useValue: api }] });
    store = TestBed.inject(FilesStore);
    workspace = TestBed.inject(WorkspaceStateService);
    store.refresh();
  });

  it('opens a file at once when nothing is unsaved', () => {
    workspace.load('a.ch', 'x');
    store.open('hello.ch');
    expect(store.prompt()).toBeNull();
    expect(workspace.fileName()).toBe('hello.ch');
    expect(workspace.script()).toBe('content of hello.ch');
    expect(workspace.dirty()).toBe(false);
  });

  it('asks before discarding unsaved changes; cancelling keeps them', () => {
    workspace.load('a.ch', 'x');
    workspace.script.set('edited');
    store.open('hello.ch');
    expect(store.prompt()?.title).toBe('Discard unsaved changes?');
    expect(api.get).not.toHaveBeenCalled();
    store.closePrompt();
    expect(workspace.script()).toBe('edited');

    store.open('hello.ch');
    store.confirm('');
    expect(workspace.fileName()).toBe('hello.ch');
    expect(store.prompt()).toBeNull();
  });

  it("puts a past run's program in the editor as an untitled script, asking first if changes are unsaved", () => {
    workspace.load('a.ch', 'x');
    workspace.script.set('edited');
    store.openProgram('logPrint("again")');
    expect(store.prompt()?.title).toBe('Discard unsaved changes?');
    expect(workspace.script()).toBe('edited');
    store.confirm('');
    expect(workspace.fileName()).toBeNull();
    expect(workspace.script()).toBe('logPrint("again")');
    expect(workspace.dirty()).toBe(false);
    expect(store.notice()?.text).toContain('save it to keep it');
  });

  it('saves an untitled script through Save As, adding the extension', () => {
    workspace.load(null, 'draft');
    workspace.script.set('logPrint(1)');
    store.save();
    expect(store.prompt()?.title).toBe('Save as');
    store.confirm('notes');
    expect(api.save).toHaveBeenCalledWith('notes.ch', 'logPrint(1)');
    expect(workspace.fileVersion()).toBe(1);
    expect(workspace.fileName()).toBe('notes.ch');
    expect(workspace.dirty()).toBe(false);
  });

  it('refuses a new file whose name exists, keeping the prompt open with the reason', () => {
    workspace.load('a.ch', 'x');
    store.newFile();
    store.confirm('hello');
    expect(api.save).not.toHaveBeenCalled();
    expect(store.promptError()).toContain('exists');
    expect(store.prompt()).not.toBeNull();
  });

  describe('a file saved elsewhere since it was opened', () => {
    const changed = () => throwError(() => new ApiError({ code: 'FILE_CHANGED', message: 'saved elsewhere' }, 409));

    beforeEach(() => {
      store.open('hello.ch');
      workspace.script.set('mine');
      api.save.mockImplementationOnce(changed);
      store.save();
    });

    it('saves only the version it opened, and on 409 offers reload, overwrite or save as', () => {
      expect(api.save).toHaveBeenCalledWith('hello.ch', 'mine', 7);
      expect(store.prompt()).toMatchObject({ title: 'hello.ch was changed elsewhere', confirmLabel: 'Overwrite' });
      expect(store.prompt()?.alternatives?.map((a) => a.value)).toEqual(['reload', 'save-as']);
      expect(workspace.dirty()).toBe(true);
    });

    it('overwrites without a version', () => {
      store.confirm('');
      expect(api.save).toHaveBeenLastCalledWith('hello.ch', 'mine');
      expect(workspace.dirty()).toBe(false);
      expect(store.notice()?.text).toBe('Overwrote hello.ch');
    });

    it('reloads the saved version, dropping the changes', () => {
      store.confirm('reload');
      expect(workspace.script()).toBe('content of hello.ch');
      expect(workspace.fileVersion()).toBe(7);
      expect(store.prompt()).toBeNull();
    });

    it('saves under another name', () => {
      store.confirm('save-as');
      expect(store.prompt()?.title).toBe('Save as');
      store.confirm('copy');
      expect(api.save).toHaveBeenLastCalledWith('copy.ch', 'mine');
      expect(workspace.fileName()).toBe('copy.ch');
    });
  });

  it('lets a notice be dismissed, and takes it away after a while (an error later)', () => {
    jest.useFakeTimers();
    try {
      store.openProgram('1');
      expect(store.notice()).not.toBeNull();
      store.dismissNotice();
      expect(store.notice()).toBeNull();

      store.openProgram('2');
      jest.advanceTimersByTime(NOTICE_MS - 1);
      expect(store.notice()).not.toBeNull();
      jest.advanceTimersByTime(1);
      expect(store.notice()).toBeNull();

      api.save.mockImplementationOnce(() =>
        throwError(() => new ApiError({ code: 'FILE_TOO_LARGE', message: 'too big' }, 413)),
      );
      workspace.load('a.ch', 'x');
      store.save();
      expect(store.notice()).toEqual({ text: 'Save failed: too big', error: true });
      jest.advanceTimersByTime(NOTICE_MS);
      expect(store.notice()).not.toBeNull();
      jest.advanceTimersByTime(NOTICE_ERROR_MS - NOTICE_MS);
      expect(store.notice()).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('adds .ch only when missing', () => {
    expect(withExtension(' a ')).toBe('a.ch');
    expect(withExtension('b.CH')).toBe('b.CH');
  });
});

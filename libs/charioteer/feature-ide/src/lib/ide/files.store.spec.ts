import { TestBed } from '@angular/core/testing';
import { FilesService, WorkspaceStateService } from '@chariot/charioteer-data-access';
import { of } from 'rxjs';
import { FilesStore, withExtension } from './files.store';

describe('FilesStore', () => {
  let store: FilesStore;
  let workspace: WorkspaceStateService;
  const api = {
    list: jest.fn(() => of([{ name: 'hello.ch', size: 1, created_at: '', updated_at: '' }])),
    get: jest.fn((name: string) => of({ name, content: `content of ${name}`, size: 1, created_at: '', updated_at: '' })),
    save: jest.fn((name: string) => of({ name, size: 0, created_at: '', updated_at: '' })),
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

  it('adds .ch only when missing', () => {
    expect(withExtension(' a ')).toBe('a.ch');
    expect(withExtension('b.CH')).toBe('b.CH');
  });
});

import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthService, FALLBACK_CATALOG, FunctionsService, HistoryService } from '@chariot/charioteer-data-access';
import { OutputLineFactory, RunStatus } from '@chariot/charioteer-util';
import { of } from 'rxjs';
import { AddressSync } from './address/address-sync';
import { IdePageComponent } from './ide-page.component';
import { FilesStore } from './files.store';
import { HistoryPager } from './history/history-pager';
import { IdeStore } from './ide.store';

describe('IdePageComponent', () => {
  const factory = new OutputLineFactory();
  const status = signal<RunStatus>('idle');
  const store = {
    output: { lines: signal([factory.status('Starting execution...')]), logCount: signal(0) },
    clock: { elapsed: signal<number | null>(1234), started: signal<number | null>(null) },
    inspector: {
      variables: signal([{ name: 'total', type: 'N', value: '3', truncated: false, scope: 'program' }]),
      status: signal('ready'),
      frames: signal(null),
      selectedFrame: signal(0),
      selectFrame: jest.fn(),
    },
    debugSettings: { watches: signal([]), options: signal({}), setOptions: jest.fn() },
    replay: {
      active: signal(false),
      shown: signal(0),
      total: signal(0),
      speed: signal(1),
      setSpeed: jest.fn(),
      stop: jest.fn(),
    },
    debugSession: { busy: signal(false) },
    status,
    running: computed(() => status() === 'running' || status() === 'paused'),
    cancelling: signal(false),
    progress: signal(null),
    executionId: signal<string | null>('0123456789abcdef'),
    connection: signal('reconnecting'),
    diagnostic: signal(null),
    debugging: signal(false),
    paused: signal<{ line: number; column: number; depth: number; variables: [] } | null>(null),
    debug: jest.fn(),
    step: jest.fn(),
    run: jest.fn(),
    cancel: jest.fn(),
    clear: jest.fn(),
  };

  const files = {
    files: signal([{ name: 'hello.ch', size: 1, created_at: '', updated_at: '' }]),
    loading: signal(false),
    prompt: signal(null),
    promptError: signal(null),
    promptBusy: signal(false),
    notice: signal(null),
    refresh: jest.fn(),
    open: jest.fn(),
    save: jest.fn(),
    saveAs: jest.fn(),
  };

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: FunctionsService, useValue: { catalog$: of(FALLBACK_CATALOG) } },
        {
          provide: HistoryService,
          useValue: { list: jest.fn(() => of({ items: [], total: 0, limit: 100, offset: 0 })) },
        },
        {
          provide: AuthService,
          useValue: {
            profile: signal({ username: 'ada', role: 'user', created_at: '', must_change_password: true }),
            logout: jest.fn(() => of(undefined)),
          },
        },
      ],
    });
    TestBed.overrideComponent(IdePageComponent, {
      set: {
        providers: [
          { provide: IdeStore, useValue: store },
          { provide: FilesStore, useValue: files },
          HistoryPager,
          { provide: AddressSync, useValue: {} },
        ],
      },
    });
    const fixture = TestBed.createComponent(IdePageComponent);
    await fixture.whenStable();
    return fixture;
  }

  beforeEach(() => jest.clearAllMocks());

  it('lays out toolbar, editor and output with their test ids', async () => {
    const el = (await render()).nativeElement as HTMLElement;
    for (const id of [
      'run',
      'stream-toggle',
      'status',
      'elapsed',
      'editor',
      'output',
      'user',
      'default-password',
      'reconnecting',
      'file',
      'file-save',
      'splitter',
      'search',
    ]) {
      expect(el.querySelector(`[data-testid="${id}"]`)).not.toBeNull();
    }
    expect(el.querySelector('[data-testid="execution-id"]')?.textContent?.trim()).toBe('01234567');
  });

  it('runs on Ctrl+Enter anywhere on the page and on the Run button', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    (el.querySelector('[data-testid="run"]') as HTMLButtonElement).click();
    expect(store.run).toHaveBeenCalledTimes(2);
  });

  it('saves on Ctrl+S (Save As with Shift) and lists the files', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }));
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'S', ctrlKey: true, shiftKey: true, bubbles: true }));
    expect(files.save).toHaveBeenCalledTimes(1);
    expect(files.saveAs).toHaveBeenCalledTimes(1);
    expect(files.refresh).toHaveBeenCalled();
    expect(el.querySelector('[data-testid="file"]')?.textContent?.trim()).toBe('hello.ch');
  });

  it('switches the output pane between the log and the variables, keeping the log alive', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    const output = el.querySelector('ch-output-panel') as HTMLElement;
    const variables = el.querySelector('ch-variables-panel') as HTMLElement;
    expect(output.classList.contains('hidden')).toBe(false);
    expect(variables.classList.contains('hidden')).toBe(true);
    expect(el.querySelector('[data-testid="variables-badge"]')?.textContent?.trim()).toBe('1');

    (el.querySelector('ch-output-panel [data-testid="tab-variables"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(output.classList.contains('hidden')).toBe(true);
    expect(variables.classList.contains('hidden')).toBe(false);
    expect(el.querySelector('ch-output-panel')).toBe(output);
    expect(variables.querySelector('[data-testid="variable"]')?.getAttribute('data-name')).toBe('total');

    (variables.querySelector('[data-testid="tab-output"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(output.classList.contains('hidden')).toBe(false);
  });

  it('shows the function library in place of the files in the Functions tab', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('[data-testid="tab-functions"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(el.querySelector('ch-function-library')).not.toBeNull();
    expect(el.querySelector('ch-file-list')).toBeNull();
  });

  it('debugs on the Debug button and F5, and steps with the debugging keys while paused', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('[data-testid="debug"]') as HTMLButtonElement).click();
    const f5 = new KeyboardEvent('keydown', { key: 'F5', bubbles: true, cancelable: true });
    el.dispatchEvent(f5);
    expect(store.debug).toHaveBeenCalledTimes(2);
    expect(f5.defaultPrevented).toBe(true);
    expect(el.querySelector('ch-debug-toolbar')).toBeNull();
    // With the focus outside the IDE, F5 stays the browser's reload.
    const outside = new KeyboardEvent('keydown', { key: 'F5', bubbles: true, cancelable: true });
    document.body.dispatchEvent(outside);
    expect(outside.defaultPrevented).toBe(false);
    expect(store.debug).toHaveBeenCalledTimes(2);

    store.debugging.set(true);
    status.set('paused');
    store.paused.set({ line: 2, column: 1, depth: 0, variables: [] });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="debug-state"]')?.textContent).toContain('Paused at line 2');
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10', bubbles: true }));
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'F11', shiftKey: true, bubbles: true }));
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'F5', bubbles: true }));
    (el.querySelector('[data-testid="debug-step"]') as HTMLButtonElement).click();
    expect(store.step.mock.calls).toEqual([['step_over'], ['step_out'], ['continue'], ['step']]);
    expect(store.debug).toHaveBeenCalledTimes(2);
    // While debugging, the log and the variables stand side by side, and the status says where it is held.
    expect((el.querySelector('ch-variables-panel') as HTMLElement).classList.contains('hidden')).toBe(false);
    expect((el.querySelector('ch-output-panel') as HTMLElement).classList.contains('hidden')).toBe(false);
    expect(el.querySelector('[data-testid="output-pane"]')?.classList.contains('side-by-side')).toBe(true);
    expect(el.querySelector('ch-run-toolbar [data-testid="status"]')?.textContent).toContain('Paused at line 2');

    store.paused.set(null);
    store.debugging.set(false);
    status.set('idle');
  });

  it('shows Cancel while running and forwards it to the store', async () => {
    status.set('running');
    const fixture = await render();
    ((fixture.nativeElement as HTMLElement).querySelector('[data-testid="cancel"]') as HTMLButtonElement).click();
    expect(store.cancel).toHaveBeenCalled();
    status.set('idle');
  });
});

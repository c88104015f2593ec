import { computed, effect, Injectable, signal } from '@angular/core';
import {
  clampSidebar,
  clampSplit,
  DEFAULT_SCRIPT,
  SIDEBAR_DEFAULT,
  SPLIT_DEFAULT,
  TIME_DISPLAYS,
  type TimeDisplay,
} from '@chariot/charioteer-util';

const SCRIPT_KEY = 'charioteer.script';
const FILE_KEY = 'charioteer.file';
const SAVED_KEY = 'charioteer.saved';
const VERSION_KEY = 'charioteer.fileVersion';
const STREAM_KEY = 'charioteer.streamLogs';
const SPLIT_KEY = 'charioteer.split';
const BREAKPOINTS_KEY = 'charioteer.breakpoints';
const WRAP_KEY = 'charioteer.wrapLog';
const TIME_KEY = 'charioteer.timeDisplay';
const SIDEBAR_KEY = 'charioteer.sidebarWidth';

function readTimeDisplay(text: string | null): TimeDisplay {
  return TIME_DISPLAYS.find((display) => display === text) ?? 'absolute';
}

function readLines(text: string | null): number[] {
  try {
    const lines: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(lines) ? lines.filter((line): line is number => Number.isInteger(line) && line > 0) : [];
  } catch {
    return [];
  }
}

function store(kind: 'session' | 'local'): Storage | null {
  try {
    return kind === 'session' ? sessionStorage : localStorage;
  } catch {
    return null;
  }
}

function read(kind: 'session' | 'local', key: string): string | null {
  try {
    return store(kind)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(kind: 'session' | 'local', key: string, value: string | null): void {
  try {
    if (value === null) store(kind)?.removeItem(key);
    else store(kind)?.setItem(key, value);
  } catch {
    // Storage full or disabled: the signal still holds the value for this page.
  }
}

/**
 * What the user is working on: the editor text, the open file and its last saved content.
 * Kept in sessionStorage (this tab only, no secrets) so a 401 → sign-in → back round trip or a
 * reload loses nothing. The Stream Logs toggle, the editor/output split and the output's line
 * wrapping are preferences:
 * localStorage, remembered across reloads and tabs.
 */
@Injectable({ providedIn: 'root' })
export class WorkspaceStateService {
  readonly script = signal(read('session', SCRIPT_KEY) ?? DEFAULT_SCRIPT);
  /** The open file's name; null for an untitled script. */
  readonly fileName = signal<string | null>(read('session', FILE_KEY));
  /** The text as last opened or saved; the untitled script starts as the example. */
  readonly savedContent = signal(read('session', SAVED_KEY) ?? DEFAULT_SCRIPT);
  /** The server's version of the open file as last opened or saved: a save replaces only that one. */
  readonly fileVersion = signal<number | null>(Number(read('session', VERSION_KEY)) || null);
  readonly streamLogs = signal((read('local', STREAM_KEY) ?? read('session', STREAM_KEY)) !== 'false');
  /** Lines (1-based) of the editor's script that hold a breakpoint. */
  readonly breakpoints = signal<readonly number[]>(readLines(read('session', BREAKPOINTS_KEY)));
  /** Share of the width the editor takes, 0.2–0.8. */
  readonly split = signal(clampSplit(Number(read('local', SPLIT_KEY) ?? SPLIT_DEFAULT)));
  /** The Files/History/Functions sidebar's width (px). */
  readonly sidebarWidth = signal(clampSidebar(Number(read('local', SIDEBAR_KEY) ?? SIDEBAR_DEFAULT)));
  /** The output wraps long lines (else they scroll sideways). */
  readonly wrapLog = signal(read('local', WRAP_KEY) === 'true');
  /** How the output shows entry times: clock time, since the run started, or not at all. */
  readonly timeDisplay = signal<TimeDisplay>(readTimeDisplay(read('local', TIME_KEY)));

  /** True when the editor holds changes that are not saved. */
  readonly dirty = computed(() => this.script() !== this.savedContent());

  constructor() {
    effect(() => write('session', SCRIPT_KEY, this.script()));
    effect(() => write('session', FILE_KEY, this.fileName()));
    effect(() => write('session', SAVED_KEY, this.savedContent()));
    effect(() => {
      const version = this.fileVersion();
      write('session', VERSION_KEY, version === null ? null : String(version));
    });
    effect(() => write('local', STREAM_KEY, String(this.streamLogs())));
    effect(() => write('local', SPLIT_KEY, String(this.split())));
    effect(() => write('local', WRAP_KEY, String(this.wrapLog())));
    effect(() => write('local', TIME_KEY, this.timeDisplay()));
    effect(() => write('local', SIDEBAR_KEY, String(this.sidebarWidth())));
    effect(() => write('session', BREAKPOINTS_KEY, JSON.stringify(this.breakpoints())));
  }

  /** Shows a file (or a new untitled script) as saved, without the last script's breakpoints. */
  load(name: string | null, content: string, version: number | null = null): void {
    this.breakpoints.set([]);
    this.fileName.set(name);
    this.fileVersion.set(version);
    this.savedContent.set(content);
    this.script.set(content);
  }

  /** The current text was saved under `name`, as `version`. */
  markSaved(name: string, content: string, version: number | null): void {
    this.fileName.set(name);
    this.fileVersion.set(version);
    this.savedContent.set(content);
  }
}

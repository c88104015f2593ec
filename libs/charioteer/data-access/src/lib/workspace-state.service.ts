import { effect, Injectable, signal } from '@angular/core';
import { DEFAULT_SCRIPT } from '@chariot/charioteer-util';

const SCRIPT_KEY = 'charioteer.script';
const STREAM_KEY = 'charioteer.streamLogs';

function readStorage(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Storage full or disabled: the signal still holds the value for this page.
  }
}

/**
 * What the user is working on, kept across a 401 → login → back round trip and page reloads
 * (sessionStorage: this tab only; it holds no secrets).
 */
@Injectable({ providedIn: 'root' })
export class WorkspaceStateService {
  readonly script = signal(readStorage(SCRIPT_KEY) ?? DEFAULT_SCRIPT);
  readonly streamLogs = signal(readStorage(STREAM_KEY) !== 'false');

  constructor() {
    effect(() => writeStorage(SCRIPT_KEY, this.script()));
    effect(() => writeStorage(STREAM_KEY, String(this.streamLogs())));
  }
}

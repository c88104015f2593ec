import type { DebugAction } from '@chariot/contract';
import { debugActionForKey } from '@chariot/charioteer-ui';

/** What a key press asks the IDE page to do. */
export type IdeCommand = 'run' | 'debug' | 'save' | 'saveAs' | { step: DebugAction };

export interface KeyContext {
  /** The debugger holds the run paused. */
  paused: boolean;
  running: boolean;
  /** The focus is inside the IDE page (not, say, in the browser's address bar). */
  focusInIde: boolean;
}

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * The page's keys: Ctrl/Cmd+Enter runs (the editor handles it itself when focused), Ctrl/Cmd+S
 * saves (with Shift: save as), F5 debugs when the focus is in the IDE (elsewhere it still
 * reloads the page), and while paused F5, F10, F11 and Shift+F11 continue and step wherever
 * the focus is.
 */
export function ideCommandFor(event: Keys, context: KeyContext): IdeCommand | null {
  if (!event.ctrlKey && !event.metaKey && !event.altKey) {
    const action = debugActionForKey(event);
    if (action && context.paused) return { step: action };
    if (event.key === 'F5' && !event.shiftKey && !context.running && context.focusInIde) return 'debug';
    return null;
  }
  if (!event.ctrlKey && !event.metaKey) return null;
  if (event.key === 'Enter') return 'run';
  if (event.key.toLowerCase() === 's' && !event.altKey) return event.shiftKey ? 'saveAs' : 'save';
  return null;
}

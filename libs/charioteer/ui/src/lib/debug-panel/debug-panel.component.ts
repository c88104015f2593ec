import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { Breakpoint, StackFrame, WatchResult } from '@chariot/contract';

/** What a breakpoint has besides its line (a condition, a hit condition, a log message). */
export type BreakpointOptions = Omit<Breakpoint, 'line'>;

/** A change to one breakpoint's options. */
export interface BreakpointOptionsChange {
  line: number;
  options: BreakpointOptions;
}

const OPTION_FIELDS = ['condition', 'hitCondition', 'logMessage'] as const;

/**
 * The debugger's side views, after VS Code's: the call stack of the pause (a frame chosen here
 * shows its variables elsewhere), the watch expressions with their values at the pause, and the
 * breakpoints with their condition, hit condition and log message. Emits intents only.
 */
@Component({
  selector: 'ch-debug-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './debug-panel.component.html',
  styleUrls: ['../panel-frame.css', './debug-panel.component.css'],
})
export class DebugPanelComponent {
  /** The call stack of the pause, innermost first; null while not paused. */
  readonly frames = input<readonly StackFrame[] | null>(null);
  readonly selectedFrame = input(0);
  readonly watches = input<readonly string[]>([]);
  /** The watches' values at the pause (null while not paused). */
  readonly watchResults = input<readonly WatchResult[] | null>(null);
  readonly breakpoints = input<readonly number[]>([]);
  readonly breakpointOptions = input<Readonly<Record<number, BreakpointOptions>>>({});

  readonly frameSelected = output<number>();
  readonly watchesChange = output<string[]>();
  readonly breakpointOptionsChange = output<BreakpointOptionsChange>();

  protected readonly optionFields = OPTION_FIELDS;
  protected readonly placeholders: Record<(typeof OPTION_FIELDS)[number], string> = {
    condition: 'Condition, e.g. i == 3',
    hitCondition: 'Hits: 3, >=3, %3',
    logMessage: 'Log message, e.g. i is {i}',
  };

  /** The result shown for the watch at `index`, when it is the one evaluated (the list may have changed since). */
  protected resultOf(index: number): WatchResult | null {
    const result = this.watchResults()?.[index];
    return result && result.expression === this.watches()[index] ? result : null;
  }

  protected addWatch(field: HTMLInputElement): void {
    const expression = field.value.trim();
    if (!expression) return;
    this.watchesChange.emit([...this.watches(), expression]);
    field.value = '';
  }

  protected removeWatch(index: number): void {
    this.watchesChange.emit(this.watches().filter((_, i) => i !== index));
  }

  protected option(line: number, field: (typeof OPTION_FIELDS)[number]): string {
    return this.breakpointOptions()[line]?.[field] ?? '';
  }

  protected setOption(line: number, field: (typeof OPTION_FIELDS)[number], value: string): void {
    const options: BreakpointOptions = { ...this.breakpointOptions()[line] };
    if (value.trim()) options[field] = value.trim();
    else delete options[field];
    this.breakpointOptionsChange.emit({ line, options });
  }
}

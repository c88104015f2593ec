import type { Extension } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import type { VariableSnapshot } from '@chariot/contract';

/**
 * While a debugged run is paused, hovering a name shows its value in the paused frame (the
 * variable `lookup` finds for it, the innermost where a name is shadowed), as the Variables
 * view shows it. Nothing is shown for a name the frame does not see, or when not paused.
 */
export function valueHover(lookup: (name: string) => VariableSnapshot | undefined): Extension {
  return hoverTooltip((view, pos) => {
    const word = view.state.wordAt(pos);
    if (!word) return null;
    const variable = lookup(view.state.sliceDoc(word.from, word.to));
    if (!variable) return null;
    return {
      pos: word.from,
      end: word.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-value-hover';
        dom.dataset['testid'] = 'value-hover';
        dom.style.padding = '2px 6px';
        dom.style.fontFamily = 'var(--ch-font-mono)';
        // text only: a value is whatever the script made of it
        dom.textContent = `${variable.name} = ${variable.value}${variable.truncated ? '…' : ''}`;
        return { dom };
      },
    };
  });
}

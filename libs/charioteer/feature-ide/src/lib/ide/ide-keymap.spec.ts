import { ideCommandFor, KeyContext } from './ide-keymap';

describe('ideCommandFor', () => {
  const idle: KeyContext = { paused: false, running: false, focusInIde: true };
  const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('runs on Ctrl or Cmd+Enter and saves on Ctrl+S, Save As with Shift', () => {
    expect(ideCommandFor(key('Enter', { ctrlKey: true }), idle)).toBe('run');
    expect(ideCommandFor(key('Enter', { metaKey: true }), idle)).toBe('run');
    expect(ideCommandFor(key('s', { ctrlKey: true }), idle)).toBe('save');
    expect(ideCommandFor(key('S', { ctrlKey: true, shiftKey: true }), idle)).toBe('saveAs');
    expect(ideCommandFor(key('s', { ctrlKey: true, altKey: true }), idle)).toBeNull();
    expect(ideCommandFor(key('Enter', { altKey: true }), idle)).toBeNull();
    expect(ideCommandFor(key('Enter'), idle)).toBeNull();
  });

  it('debugs on F5 only when idle with the focus in the IDE', () => {
    expect(ideCommandFor(key('F5'), idle)).toBe('debug');
    expect(ideCommandFor(key('F5'), { ...idle, focusInIde: false })).toBeNull(); // the browser reloads
    expect(ideCommandFor(key('F5'), { ...idle, running: true })).toBeNull();
    expect(ideCommandFor(key('F5', { shiftKey: true }), idle)).toBeNull();
  });

  it('continues and steps with VS Code keys while paused, wherever the focus is', () => {
    const paused = { paused: true, running: true, focusInIde: false };
    expect(['F5', 'F10', 'F11'].map((k) => ideCommandFor(key(k), paused))).toEqual([
      { step: 'continue' },
      { step: 'step_over' },
      { step: 'step' },
    ]);
    expect(ideCommandFor(key('F11', { shiftKey: true }), paused)).toEqual({ step: 'step_out' });
    expect(ideCommandFor(key('F10'), { ...paused, paused: false })).toBeNull();
  });
});

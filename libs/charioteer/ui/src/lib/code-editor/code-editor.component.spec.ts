import { TestBed } from '@angular/core/testing';
import { CodeEditorComponent } from './code-editor.component';

describe('CodeEditorComponent', () => {
  it('shows the value in a CodeMirror editor labelled for assistive technology', async () => {
    const fixture = TestBed.createComponent(CodeEditorComponent);
    fixture.componentRef.setInput('value', 'logPrint("hi")\nlet x = 1;');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const content = el.querySelector('[data-testid="editor"] .cm-content');
    expect(content?.getAttribute('aria-label')).toBe('Chariot script');
    expect(Array.from(el.querySelectorAll('.cm-line')).map((l) => l.textContent)).toEqual([
      'logPrint("hi")',
      'let x = 1;',
    ]);
  });

  it('replaces the document when the value changes from outside', async () => {
    const fixture = TestBed.createComponent(CodeEditorComponent);
    fixture.componentRef.setInput('value', 'a');
    await fixture.whenStable();
    fixture.componentRef.setInput('value', 'b()');
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('.cm-line')?.textContent).toBe('b()');
  });

  it('inserts text over the selection, leaves the caret where asked and reports the change', async () => {
    const fixture = TestBed.createComponent(CodeEditorComponent);
    fixture.componentRef.setInput('value', 'let x = ;');
    await fixture.whenStable();
    const changes: string[] = [];
    fixture.componentInstance.valueChange.subscribe((value) => changes.push(value));
    const editor = fixture.componentInstance;
    // The caret starts at the beginning of the document.
    editor.insert('upper()', 6);
    expect(changes.at(-1)).toBe('upper()let x = ;');
    editor.insert('"a"');
    expect(changes.at(-1)).toBe('upper("a")let x = ;');
  });

  it('shows breakpoints and the paused line it is given, and reports breakpoints toggled with F9', async () => {
    const fixture = TestBed.createComponent(CodeEditorComponent);
    fixture.componentRef.setInput('value', 'a()\nb()\nc()');
    fixture.componentRef.setInput('breakpoints', [1, 3]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('.cm-breakpoint-gutter .cm-breakpoint')).toHaveLength(2);
    expect(el.querySelector('.cm-paused-line')).toBeNull();

    fixture.componentRef.setInput('pausedLine', 2);
    await fixture.whenStable();
    expect(el.querySelector('.cm-paused-line')?.textContent).toBe('b()');

    const reported: number[][] = [];
    fixture.componentInstance.breakpointsChange.subscribe((lines) => reported.push(lines));
    const content = el.querySelector('.cm-content') as HTMLElement;
    content.focus();
    // The caret is on line 1: F9 takes its breakpoint away.
    content.dispatchEvent(new KeyboardEvent('keydown', { key: 'F9', bubbles: true, cancelable: true }));
    expect(reported).toEqual([[3]]);

    fixture.componentRef.setInput('pausedLine', null);
    fixture.componentRef.setInput('breakpoints', []);
    await fixture.whenStable();
    expect(el.querySelector('.cm-paused-line')).toBeNull();
    expect(el.querySelectorAll('.cm-breakpoint-gutter .cm-breakpoint')).toHaveLength(0);
  });

  it('indents with Tab, dedents with Shift+Tab, and indents the line after an opening brace', async () => {
    const fixture = TestBed.createComponent(CodeEditorComponent);
    fixture.componentRef.setInput('value', 'if (x) {');
    await fixture.whenStable();
    const changes: string[] = [];
    fixture.componentInstance.valueChange.subscribe((value) => changes.push(value));
    const content = (fixture.nativeElement as HTMLElement).querySelector('.cm-content') as HTMLElement;
    content.focus();
    const press = (key: string, shiftKey = false) =>
      content.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));

    press('Tab');
    expect(changes.at(-1)).toBe('  if (x) {');
    press('Tab', true);
    expect(changes.at(-1)).toBe('if (x) {');
    press('End');
    press('Enter');
    expect(changes.at(-1)).toBe('if (x) {\n  ');
  });

  it('moves the caret to a line and column', async () => {
    const fixture = TestBed.createComponent(CodeEditorComponent);
    fixture.componentRef.setInput('value', 'a()\nlet b = 1;\nc()');
    await fixture.whenStable();
    fixture.componentInstance.goTo({ line: 2, column: 5 });
    fixture.componentInstance.insert('!');
    const content = (fixture.nativeElement as HTMLElement).querySelectorAll('.cm-line');
    expect(content[1].textContent).toBe('let !b = 1;');
  });

  it('toggles a breakpoint on a left click in the gutter only', async () => {
    const fixture = TestBed.createComponent(CodeEditorComponent);
    fixture.componentRef.setInput('value', 'a()');
    await fixture.whenStable();
    const reported: number[][] = [];
    fixture.componentInstance.breakpointsChange.subscribe((lines) => reported.push(lines));
    const marker = (fixture.nativeElement as HTMLElement).querySelector(
      '.cm-breakpoint-gutter .cm-gutterElement:last-child',
    ) as HTMLElement;
    const press = (button: number) =>
      marker.dispatchEvent(new MouseEvent('mousedown', { button, bubbles: true, cancelable: true }));
    press(2);
    press(1);
    expect(reported).toEqual([]);
    press(0);
    expect(reported).toEqual([[1]]);
  });

  it('takes the focus once created when asked', async () => {
    const fixture = TestBed.createComponent(CodeEditorComponent);
    fixture.componentRef.setInput('value', 'a()');
    fixture.componentRef.setInput('focusOnStart', true);
    document.body.appendChild(fixture.nativeElement as HTMLElement);
    await fixture.whenStable();
    expect(document.activeElement?.classList.contains('cm-content')).toBe(true);
    (fixture.nativeElement as HTMLElement).remove();
  });
});

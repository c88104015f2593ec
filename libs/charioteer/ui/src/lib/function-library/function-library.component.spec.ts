import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { FunctionInfo } from '@chariot/contract';
import type { FunctionEntry } from '@chariot/charioteer-util';
import { FunctionLibraryComponent } from './function-library.component';

const functions: FunctionInfo[] = [
  { name: 'upper', category: 'strings', minArgs: 1, maxArgs: 1, doc: 'Upper-case copy.' },
  { name: 'add', category: 'math', minArgs: 2, maxArgs: 2, doc: 'Sum of <b>two</b> numbers.' },
  {
    name: 'logPrint',
    category: 'system',
    minArgs: 1,
    maxArgs: null,
    doc: 'logPrint(message[, level]): writes a log entry.',
  },
];

describe('FunctionLibraryComponent', () => {
  let fixture: ComponentFixture<FunctionLibraryComponent>;
  const root = () => fixture.nativeElement as HTMLElement;
  const names = () =>
    [...root().querySelectorAll('[data-testid="function-entry"]')].map((e) => e.getAttribute('data-name'));

  beforeEach(async () => {
    fixture = TestBed.createComponent(FunctionLibraryComponent);
    fixture.componentRef.setInput('functions', functions);
    await fixture.whenStable();
  });

  it('lists every builtin under its category with its signature and summary, as text', () => {
    expect([...root().querySelectorAll('.category')].map((e) => e.textContent?.trim())).toEqual([
      'math',
      'strings',
      'system',
    ]);
    expect(names()).toEqual(['add', 'upper', 'logPrint']);
    const add = root().querySelector('[data-name="add"]') as HTMLElement;
    expect(add.querySelector('.signature')?.textContent).toBe('add(a, b)');
    expect(add.querySelector('.summary')?.textContent).toBe('Sum of <b>two</b> numbers.');
    expect(add.querySelector('b')).toBeNull();
    expect(root().querySelector('[data-testid="function-count"]')?.textContent?.trim()).toBe('3 of 3 functions');
  });

  it('filters as the user types', async () => {
    const search = root().querySelector('[data-testid="function-search"]') as HTMLInputElement;
    search.value = 'log entry';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(names()).toEqual(['logPrint']);
    expect(root().querySelector('[data-testid="function-count"]')?.textContent?.trim()).toBe('1 of 3 functions');
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(names()).toEqual([]);
    expect(root().textContent).toContain('No function matches');
  });

  it('asks for the chosen builtin to be inserted', () => {
    const chosen: FunctionEntry[] = [];
    fixture.componentInstance.inserted.subscribe((entry) => chosen.push(entry));
    (root().querySelector('[data-name="upper"]') as HTMLButtonElement).click();
    expect(chosen).toEqual([expect.objectContaining({ name: 'upper', signature: 'upper(a)' })]);
  });
});

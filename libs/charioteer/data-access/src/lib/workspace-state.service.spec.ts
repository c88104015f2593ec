import { TestBed } from '@angular/core/testing';
import { WorkspaceStateService } from './workspace-state.service';

describe('WorkspaceStateService', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  const fresh = () => {
    TestBed.resetTestingModule();
    return TestBed.inject(WorkspaceStateService);
  };

  it('keeps the script and its breakpoints across a reload of the tab', () => {
    const workspace = fresh();
    workspace.script.set('a()\nb()');
    workspace.breakpoints.set([2]);
    TestBed.tick();
    const reloaded = fresh();
    expect(reloaded.script()).toBe('a()\nb()');
    expect(reloaded.breakpoints()).toEqual([2]);
  });

  it('ignores stored breakpoints that are not line numbers', () => {
    sessionStorage.setItem('charioteer.breakpoints', '[1, "x", -2, 3.5, 4]');
    expect(fresh().breakpoints()).toEqual([1, 4]);
    sessionStorage.setItem('charioteer.breakpoints', '{not json');
    expect(fresh().breakpoints()).toEqual([]);
  });

  it('drops the breakpoints when another script is loaded', () => {
    const workspace = fresh();
    workspace.breakpoints.set([1, 2]);
    workspace.load('other.ch', 'x()');
    expect(workspace.breakpoints()).toEqual([]);
    expect(workspace.dirty()).toBe(false);
  });
});

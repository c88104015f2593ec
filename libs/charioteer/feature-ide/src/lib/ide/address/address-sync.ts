import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { WorkspaceStateService } from '@chariot/charioteer-data-access';
import { distinctUntilChanged, filter, skip } from 'rxjs';
import { FilesStore } from '../files.store';
import { IdeStore } from '../ide.store';
import { fileUrl, runUrl } from './ide-url';

/**
 * Keeps the IDE page and its address in step, both ways. The address names the run on screen
 * (`/runs/:id`, from the moment the API names it, live or finished) or, with no run going on,
 * the file opened (`/files/:name`). Opening an address — a reload, a second tab, a link, Back —
 * shows what it names: the run, reattached live (a paused debug session with it), or the file.
 */
@Injectable()
export class AddressSync {
  private readonly router = inject(Router);
  private readonly store = inject(IdeStore);
  private readonly files = inject(FilesStore);
  private readonly workspace = inject(WorkspaceStateService);

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        const run = params.get('run');
        const file = params.get('file');
        if (run !== null && run !== this.store.executionId()) this.store.reattach(run);
        else if (file !== null && file !== this.workspace.fileName()) this.files.open(file);
      });

    // Changes after the page opened; the values it opened with are the address's own.
    toObservable(this.store.executionId)
      .pipe(
        skip(1),
        distinctUntilChanged(),
        filter((id) => id !== null),
        takeUntilDestroyed(),
      )
      .subscribe((id) => this.go(runUrl(id)));
    toObservable(this.workspace.fileName)
      .pipe(
        skip(1),
        distinctUntilChanged(),
        filter((name) => name !== null),
        takeUntilDestroyed(),
      )
      .subscribe((name) => {
        if (!this.store.running()) this.go(fileUrl(name));
      });
  }

  private go(commands: string[]): void {
    const target = this.router.createUrlTree(commands);
    if (
      this.router.isActive(target, {
        paths: 'exact',
        queryParams: 'ignored',
        fragment: 'ignored',
        matrixParams: 'ignored',
      })
    )
      return;
    void this.router.navigateByUrl(target);
  }
}

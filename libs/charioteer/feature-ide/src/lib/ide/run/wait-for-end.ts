import type { ExecutionDetail } from '@chariot/contract';
import { defer, EMPTY, expand, filter, Observable, switchMap, take, tap, timer } from 'rxjs';
import { livePhaseOf } from './run-state';

/** Delay before the n-th look at a run that has not ended yet (ms): quick for short runs, then 1 s. */
export const endPollDelay = (attempt: number): number => Math.min(Math.round(100 * 1.5 ** attempt), 1000);

/**
 * A plain synchronous run, waited for without a stream: the execution's detail (GET
 * /api/executions/:id) now, then again after `endPollDelay` until it has ended; emits that last
 * detail once. `onLive` hears `queued` / `running` while it waits.
 */
export function waitForEnd(
  get: (id: string) => Observable<ExecutionDetail>,
  id: string,
  onLive: (phase: 'queued' | 'running') => void,
): Observable<ExecutionDetail> {
  let attempt = 0;
  return defer(() => get(id)).pipe(
    expand((detail) =>
      livePhaseOf(detail.status) ? timer(endPollDelay(attempt++)).pipe(switchMap(() => get(id))) : EMPTY,
    ),
    tap((detail) => {
      const phase = livePhaseOf(detail.status);
      if (phase) onLive(phase);
    }),
    filter((detail) => !livePhaseOf(detail.status)),
    take(1),
  );
}

import { UrlMatchResult, UrlSegment } from '@angular/router';

/**
 * One route for the IDE page's three addresses, so moving between them keeps the page (and the
 * run it shows) instead of building a new one: `''`, `runs/:run` and `files/:file`.
 */
export function ideUrlMatcher(segments: UrlSegment[]): UrlMatchResult | null {
  if (segments.length === 0) return { consumed: [] };
  const [kind, value] = segments;
  if (segments.length !== 2 || !value.path) return null;
  if (kind.path === 'runs') return { consumed: segments, posParams: { run: value } };
  if (kind.path === 'files') return { consumed: segments, posParams: { file: value } };
  return null;
}

/** The address of a run. */
export const runUrl = (id: string): string[] => ['/runs', id];
/** The address of a saved file. */
export const fileUrl = (name: string): string[] => ['/files', name];

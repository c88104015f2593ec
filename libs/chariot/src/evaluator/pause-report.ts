import { ChariotError } from '../errors';
import { previewDisplay } from '../values/preview';
import { typeCode } from '../values/types';
import type { StackFrame, WatchResult } from './debug-types';
import type { FrameState } from './debugger';
import { visibleVariables } from './inspect';
import type { Probes } from './probe';
import type { Runtime } from './runtime';
import type { Scope } from './scope';
import { DEFAULT_SNAPSHOT_LIMITS, SnapshotLimits } from './snapshot';

/** Frames a pause reports, innermost first: a deep recursion is cut at its outermost calls. */
export const MAX_REPORTED_FRAMES = 32;
/** Longest value text of a frame other than the innermost (each pause carries every frame's variables). */
const OUTER_FRAME_PREVIEW_CHARS = 200;
/** Longest text one `{expression}` of a logpoint message becomes. */
export const LOGPOINT_VALUE_CHARS = 1000;

/** The call stack of a pause, innermost first, each frame with the variables visible from it. */
export function stackFrames(
  rt: Runtime,
  program: Scope,
  stack: readonly (FrameState | undefined)[],
  limits: Partial<SnapshotLimits> = {},
): StackFrame[] {
  const frames: StackFrame[] = [];
  for (let depth = stack.length - 1; depth >= 0 && frames.length < MAX_REPORTED_FRAMES; depth--) {
    const frame = stack[depth];
    if (frame === undefined) continue;
    const previewChars =
      frames.length === 0
        ? limits.previewChars
        : Math.min(limits.previewChars ?? DEFAULT_SNAPSHOT_LIMITS.previewChars, OUTER_FRAME_PREVIEW_CHARS);
    const { name, line, column, scope } = frame;
    frames.push({
      name,
      line,
      column,
      depth,
      variables: visibleVariables(rt, program, scope, { ...limits, previewChars }),
    });
  }
  return frames;
}

/** Each watch expression's value in `scope`, or the reason it has none; a failing watch does not stop the others. */
export function watchResults(
  probes: Probes,
  watches: readonly string[],
  scope: Scope,
  limits: Partial<SnapshotLimits> = {},
): WatchResult[] {
  const chars = limits.previewChars ?? DEFAULT_SNAPSHOT_LIMITS.previewChars;
  return watches.map((expression) => {
    try {
      const value = probes.evaluate(expression, scope);
      const { text, truncated } = previewDisplay(value, chars);
      return { expression, type: typeCode(value), value: text, truncated };
    } catch (e) {
      return { expression, error: errorText(e) };
    }
  });
}

/** An expression's value as text for a logpoint, or `<error: …>` in its place. */
export function probeText(probes: Probes, expression: string, scope: Scope, chars: number): string {
  try {
    return previewDisplay(probes.evaluate(expression, scope), chars).text;
  } catch (e) {
    return `<error: ${errorText(e)}>`;
  }
}

/**
 * A logpoint message with each `{expression}` replaced by `valueOf(expression)`; `{{` and `}}`
 * stand for literal braces, and a `{` that is never closed is kept as it is.
 */
export function interpolate(message: string, valueOf: (expression: string) => string): string {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const c = message[i];
    if ((c === '{' || c === '}') && message[i + 1] === c) {
      out += c;
      i += 2;
      continue;
    }
    const end = c === '{' ? message.indexOf('}', i + 1) : -1;
    if (end < 0) {
      out += c;
      i++;
      continue;
    }
    out += valueOf(message.slice(i + 1, end));
    i = end + 1;
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof ChariotError || e instanceof Error ? e.message : String(e);
}

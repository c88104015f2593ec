import type { BreakpointLike, BreakpointSpec } from './debug-types';

/** A breakpoint as the debugger checks it: its options and how often it was hit. */
export interface Breakpoint {
  readonly line: number;
  readonly condition: string | undefined;
  readonly logMessage: string | undefined;
  readonly hitCondition: string | undefined;
  /** Whether the nth hit (1-based) takes effect. */
  readonly hitTakesEffect: (n: number) => boolean;
  /** Hits so far: times the line was reached with the condition holding. */
  hits: number;
}

/**
 * `N`, `==N`: the Nth hit only; `>=N`: the Nth and later; `%N`: every Nth (N, 2N, …). Undefined
 * for text that is none of these (the server refuses it; a library caller gets a breakpoint
 * that never takes effect rather than one that always does).
 */
export function parseHitCondition(text: string): ((n: number) => boolean) | undefined {
  const m = /^\s*(==|>=|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const k = Number(m[2]);
  if (m[1] === '>=') return (n) => n >= k;
  if (m[1] === '%') return k > 0 ? (n) => n % k === 0 : () => false;
  return (n) => n === k;
}

const always = (): boolean => true;
const never = (): boolean => false;

/**
 * The breakpoints of a debugged run by line (the last given for a line wins). Replacing them
 * while paused keeps the hit count of a breakpoint whose line, condition and hit condition did
 * not change, as an editor that re-sends all breakpoints expects.
 */
export class Breakpoints {
  private readonly byLine = new Map<number, Breakpoint>();

  constructor(list: readonly BreakpointLike[], previous?: Breakpoints) {
    for (const item of list) {
      const spec: BreakpointSpec = typeof item === 'number' ? { line: item } : item;
      const old = previous?.at(spec.line);
      const hitCondition = spec.hitCondition || undefined;
      const same =
        old !== undefined && old.condition === (spec.condition || undefined) && old.hitCondition === hitCondition;
      this.byLine.set(spec.line, {
        line: spec.line,
        condition: spec.condition || undefined,
        logMessage: spec.logMessage || undefined,
        hitCondition,
        hitTakesEffect: hitCondition === undefined ? always : (parseHitCondition(hitCondition) ?? never),
        hits: same ? old.hits : 0,
      });
    }
  }

  at(line: number): Breakpoint | undefined {
    return this.byLine.get(line);
  }
}

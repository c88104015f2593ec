import { nodeToJson, stringifySorted } from './json';
import { objectLabel } from './object-label';
import { TextBudget } from './text-budget';
import { ChMap, ChObject, DBNullValue, TreeNode, Value } from './values';

/**
 * Go `%v` of a float64: shortest round-trip digits, exponent form when the decimal exponent is
 * below -4 or at least 6 (Go uses %g with the shortest precision: 1e+06, 1.5e-05).
 */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e6) return n === 0 && 1 / n < 0 ? '-0' : String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const e = n.toExponential(); // shortest digits: "1.2345e+6"
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(e);
  if (!m) return String(n);
  const exp = Number(m[2]);
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${m[1]}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' + abs : abs}`;
  }
  return String(n);
}

/**
 * String conversion as `concat`/`string`/`toString` do it (Go `%v`). A collection's text stops
 * with STRING_LIMIT past `budget` (see TextBudget).
 */
export function toDisplay(v: Value, budget?: TextBudget): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === undefined) return '<nil>';
  if (v instanceof DBNullValue) return 'DBNull';
  if (Array.isArray(v)) return displayArray(v, new Set(), budget ?? new TextBudget());
  return displayObject(v, budget ?? new TextBudget());
}

/** toDisplay of each value, all against one budget (the parts of one text: join, toString). */
export function displayEach(values: readonly Value[], budget: TextBudget): string[] {
  return values.map((v) => displayPart(v, budget));
}

/** toDisplay of a part of a collection: its text counts against the collection's budget. */
function displayPart(v: Value, budget: TextBudget): string {
  const s = toDisplay(v, budget);
  if (typeof v !== 'object' || v instanceof DBNullValue) budget.spend(s.length);
  return s;
}

function displayArray(v: Value[], open: Set<Value[]>, budget: TextBudget): string {
  if (open.has(v) || open.size > 100) return '[...]';
  budget.spend(v.length + 1);
  open.add(v);
  const s =
    '[' + v.map((x) => (Array.isArray(x) ? displayArray(x, open, budget) : displayPart(x, budget))).join(', ') + ']';
  open.delete(v);
  return s;
}

function displayObject(v: ChObject, budget: TextBudget): string {
  if (v instanceof ChMap) {
    // Go's %v prints map keys sorted
    const parts: string[] = [];
    for (const k of [...v.map.keys()].sort()) {
      budget.spend(k.length + 1);
      parts.push(`${k}:${displayPart(v.map.get(k), budget)}`);
    }
    return 'map[' + parts.join(' ') + ']';
  }
  if (v instanceof TreeNode) return nodeDisplay(v, budget);
  return objectLabel(v);
}

/** Nodes print as their JSON text (keys sorted, as Go marshals maps). */
function nodeDisplay(n: TreeNode, budget: TextBudget): string {
  return stringifySorted(nodeToJson(n, budget));
}

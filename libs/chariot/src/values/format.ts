import { nodeToJson, stringifySorted } from './json';
import { objectLabel } from './object-label';
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

/** String conversion as `concat`/`string`/`toString` do it (Go `%v`). */
export function toDisplay(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === undefined) return '<nil>';
  if (v instanceof DBNullValue) return 'DBNull';
  if (Array.isArray(v)) return displayArray(v, new Set());
  return displayObject(v);
}

function displayArray(v: Value[], open: Set<Value[]>): string {
  if (open.has(v) || open.size > 100) return '[...]';
  open.add(v);
  const s = '[' + v.map((x) => (Array.isArray(x) ? displayArray(x, open) : toDisplay(x))).join(', ') + ']';
  open.delete(v);
  return s;
}

function displayObject(v: ChObject): string {
  if (v instanceof ChMap) {
    // Go's %v prints map keys sorted
    const parts: string[] = [];
    for (const k of [...v.map.keys()].sort()) parts.push(`${k}:${toDisplay(v.map.get(k))}`);
    return 'map[' + parts.join(' ') + ']';
  }
  if (v instanceof TreeNode) return nodeDisplay(v);
  return objectLabel(v);
}

/** Nodes print as their JSON text (keys sorted, as Go marshals maps). */
function nodeDisplay(n: TreeNode): string {
  return stringifySorted(nodeToJson(n));
}

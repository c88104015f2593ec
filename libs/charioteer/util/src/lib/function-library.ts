import type { FunctionInfo } from '@chariot/contract';

/** A builtin as the function library shows it: a call signature and what it does. */
export interface FunctionEntry {
  name: string;
  category: string;
  signature: string;
  summary: string;
}

export interface FunctionGroup {
  category: string;
  entries: FunctionEntry[];
}

const PLACEHOLDER_ARGS = ['a', 'b', 'c', 'd', 'e', 'f'];

/**
 * Most docs start with their own signature ("logPrint(message[, level]): writes…"); for the
 * rest one is made from the arity, so every entry reads the same way.
 */
export function describeFunction(fn: FunctionInfo): FunctionEntry {
  const own = new RegExp(`^${escapeRegExp(fn.name)}\\(([^)]*)\\)\\s*:\\s*`).exec(fn.doc);
  if (own) {
    return {
      name: fn.name,
      category: fn.category,
      signature: `${fn.name}(${own[1]})`,
      summary: fn.doc.slice(own[0].length),
    };
  }
  return { name: fn.name, category: fn.category, signature: `${fn.name}(${arityArgs(fn)})`, summary: fn.doc };
}

/** `a, b[, c]`, or `a, …` for a variadic builtin. */
function arityArgs({ minArgs, maxArgs }: FunctionInfo): string {
  const required = PLACEHOLDER_ARGS.slice(0, minArgs).join(', ');
  if (maxArgs === null) return required ? `${required}, …` : '…';
  const optional = PLACEHOLDER_ARGS.slice(minArgs, Math.min(maxArgs, PLACEHOLDER_ARGS.length));
  return (
    optional.reduce((text, arg, i) => `${text}${i === 0 && !required ? '[' : '[, '}${arg}`, required) +
    ']'.repeat(optional.length)
  );
}

/**
 * The catalog grouped by category (alphabetical, names sorted), keeping the entries whose
 * name, category or doc contains every word of `query` (case-insensitive). Within a group
 * the exact name comes first, then names starting with a word, then names containing one.
 */
export function groupFunctions(functions: readonly FunctionInfo[], query = ''): FunctionGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, FunctionEntry[]>();
  for (const fn of functions) {
    const haystack = `${fn.name} ${fn.category} ${fn.doc}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    const entries = groups.get(fn.category) ?? [];
    entries.push(describeFunction(fn));
    groups.set(fn.category, entries);
  }
  const nameMatch = (entry: FunctionEntry) => {
    const name = entry.name.toLowerCase();
    if (words.includes(name)) return 0;
    if (words.some((word) => name.startsWith(word))) return 1;
    return words.some((word) => name.includes(word)) ? 2 : 3;
  };
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, entries]) => ({
      category,
      entries: entries.sort((a, b) => nameMatch(a) - nameMatch(b) || a.name.localeCompare(b.name)),
    }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { Expr, Program } from '../ast/nodes';
import { ChariotSyntaxError } from '../errors';
import { parse } from '../parser/parser';

/** A problem found in a script without running it (1-based line and column). */
export interface ChariotDiagnostic {
  severity: 'error' | 'warning';
  line: number;
  column: number;
  /** How many characters the problem covers from `column` (at least 1). */
  length: number;
  message: string;
}

/** Calls that bind a bare name given as their first argument. */
const BINDING_CALLS = new Set(['setq', 'declare', 'declareGlobal', 'createTransform']);

/**
 * What the parser and a look at the call names say about `source`, for an editor to show
 * while the user types: the syntax error (the parser stops at the first), or else every call of
 * a name that is neither one of `functions` (the builtins, special forms included) nor a name
 * the script defines (a variable may hold a function; `registerFunction("name", …)` registers
 * one). A script that calls `loadFunctions` may define any name, so it gets no such warning.
 */
export function diagnose(source: string, functions: ReadonlySet<string>): ChariotDiagnostic[] {
  let program: Program;
  try {
    program = parse(source);
  } catch (e) {
    if (!(e instanceof ChariotSyntaxError)) throw e;
    return [{ severity: 'error', line: e.line, column: e.column, length: 1, message: e.message }];
  }
  const calls: { name: string; line: number; col: number }[] = [];
  const defined = new Set<string>();
  walk(program.body, (e) => {
    if (e.kind === 'assign') defined.add(e.name);
    else if (e.kind === 'func') e.params.forEach((p) => defined.add(p));
    else if (e.kind === 'call') {
      calls.push(e);
      const first = e.args[0];
      if (BINDING_CALLS.has(e.name) && first?.kind === 'name') defined.add(first.name);
      if (e.name === 'registerFunction' && first?.kind === 'string') defined.add(first.value);
    }
  });
  if (calls.some((c) => c.name === 'loadFunctions')) return [];
  return calls
    .filter((c) => !functions.has(c.name) && !defined.has(c.name))
    .map((c) => ({
      severity: 'warning',
      line: c.line,
      column: c.col,
      length: c.name.length,
      message: `undefined function '${c.name}'`,
    }));
}

/** Calls `visit` on every expression under `body`, parents first. */
function walk(body: readonly Expr[], visit: (e: Expr) => void): void {
  const stack: Expr[] = [...body].reverse();
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    visit(e);
    stack.push(...children(e).reverse());
  }
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'call':
      return e.args;
    case 'block':
      return e.body;
    case 'array':
      return e.items;
    case 'if':
      return e.otherwise ? [e.cond, e.then, e.otherwise] : [e.cond, e.then];
    case 'while':
      return [e.cond, e.body];
    case 'switch':
      return [
        ...(e.subject ? [e.subject] : []),
        ...e.cases.flatMap((c) => [c.test, c.body]),
        ...(e.defaultBody ? [e.defaultBody] : []),
      ];
    case 'func':
      return [e.body];
    case 'binary':
    case 'logical':
      return [e.left, e.right];
    case 'unary':
      return [e.operand];
    case 'assign':
      return [e.value];
    default:
      return [];
  }
}

/** A name the script itself defines, for completion. */
export interface ScriptName {
  name: string;
  /** `function` when the first definition assigns a `func(...)` literal, else `variable`. */
  kind: 'variable' | 'function';
}

// Strings and comments blanked (same length), so names inside them are not picked up.
const STRING_OR_COMMENT =
  /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:\\.|[^"\\])*(?:"|$)|'(?:\\.|[^'\\])*(?:'|$)|`[^`]*(?:`|$)/g;

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
/** `let x`, `setq(x`, `declareGlobal(x`, `x =` (not `==`), each followed by what it is given. */
const DEFINITION = new RegExp(
  `(?:\\blet\\s+(${NAME})\\s*=?\\s*|\\b(?:setq|declareGlobal)\\s*\\(\\s*(${NAME})\\s*,?\\s*|(?<![\\w.])(${NAME})\\s*=(?!=)\\s*)`,
  'g',
);
/** The parameters of `func(a, b)`. */
const PARAMETERS = /\bfunc\s*\(([^()]*)\)/g;

/**
 * The variable and function names a Chariot script defines, in the order they first appear:
 * `let` and assignments, `setq(name, …)`, `declareGlobal(name, …)` and the parameters of
 * `func(…)` literals. A lexical scan (no parse), so it also works on a script that does not
 * parse yet, which is most of the time while typing.
 */
export function scriptNames(text: string): ScriptName[] {
  const code = text.replace(STRING_OR_COMMENT, (m) => ' '.repeat(m.length));
  const found = new Map<string, { at: number; kind: ScriptName['kind'] }>();
  const add = (name: string, at: number, kind: ScriptName['kind']) => {
    if (!found.has(name)) found.set(name, { at, kind });
  };
  for (const m of code.matchAll(DEFINITION)) {
    const name = m[1] ?? m[2] ?? m[3];
    const rest = code.slice(m.index + m[0].length, m.index + m[0].length + 5);
    add(name, m.index, /^func\b/.test(rest) ? 'function' : 'variable');
  }
  for (const m of code.matchAll(PARAMETERS)) {
    for (const param of m[1].split(',')) {
      const name = param.trim();
      if (new RegExp(`^${NAME}$`).test(name)) add(name, m.index, 'variable');
    }
  }
  return [...found.entries()].sort((a, b) => a[1].at - b[1].at).map(([name, { kind }]) => ({ name, kind }));
}

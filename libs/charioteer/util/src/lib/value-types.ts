/** What each `typeOf` code means, for people reading the runtime inspector. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  N: 'Number',
  S: 'String',
  L: 'Bool',
  A: 'Array',
  M: 'Map',
  T: 'Tree node',
  J: 'JSON node',
  X: 'XML node',
  F: 'Function',
  H: 'Host object',
  P: 'Plan',
  E: 'ETL transform',
  R: 'Table',
  V: 'Null',
};

/** "Number (N)"; an unknown code stands for itself. */
export function typeLabel(code: string): string {
  const name = TYPE_NAMES[code];
  return name ? `${name} (${code})` : code;
}

/** The seed's example script, loaded into an empty editor. */
export const DEFAULT_SCRIPT = [
  'logPrint("Starting test");',
  'let x = 1 + 2;',
  'logPrint("Result is: " + x);',
  'logPrint("Test complete");',
].join('\n');

/** Used for highlighting when GET /api/functions is unavailable. */
export const FALLBACK_KEYWORDS: readonly string[] = [
  'if',
  'else',
  'while',
  'switch',
  'case',
  'default',
  'func',
  'let',
  'true',
  'false',
  'null',
];

/** Words that name constants rather than control flow. */
export const ATOM_WORDS: readonly string[] = ['true', 'false', 'null'];

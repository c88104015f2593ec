/** Words with syntactic meaning (editor highlighting). `true`, `false`, `null` are predefined names. */
export const KEYWORDS: readonly string[] = Object.freeze([
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
]);

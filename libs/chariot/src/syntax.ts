/**
 * @chariot/language/syntax — the parser's checks without the evaluator, for the IDE: this entry
 * imports only the lexer, the parser and the error types, so a browser bundle that uses it
 * carries no builtin implementations and no runtime.
 */
export type { ChariotDiagnostic } from './diagnostics/diagnose';
export { diagnose } from './diagnostics/diagnose';
export { ChariotSyntaxError } from './errors';

export { parse, MAX_NESTING } from './parser';

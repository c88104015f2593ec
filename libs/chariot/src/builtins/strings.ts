import { toDisplay } from '../values/format';
import { table } from './types';

export const STRING_BUILTINS = table('strings', [
  ['concat', 0, null, 'Joins the string forms of all arguments.', (a, rt) => rt.checkString(a.map(toDisplay).join(''))],
]);

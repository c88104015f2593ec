import { ApiException } from '@chariot/api-common';

/** Longest accepted file name, in characters (every allowed character is one byte). */
export const MAX_FILE_NAME_LENGTH = 128;

/** The extension every script name must carry. */
export const FILE_EXTENSION = '.ch';

/** Letters A–Z/a–z, digits, space, dot, dash and underscore: nothing that means a path. */
const ALLOWED = /^[A-Za-z0-9 ._-]+$/;

/** Shown by Swagger and in error messages, so the rule is stated once. */
export const FILE_NAME_RULE =
  `1-${MAX_FILE_NAME_LENGTH} characters, ending in '${FILE_EXTENSION}', made of letters, digits, spaces, '.', '-' and '_'; ` +
  `no leading dot or space, no '..'`;

/**
 * Why a name is not an acceptable script name, or undefined when it is. The one rule behind
 * every route (list, get, save, rename, delete): names are opaque keys in the caller's own store,
 * never paths, so anything that could mean a directory (`/`, `\`, `..`, a leading dot, `%`
 * escapes, control characters) is refused rather than cleaned up.
 */
export function fileNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'a file name must be a string';
  if (name.length === 0) return 'the file name is empty';
  if (name.length > MAX_FILE_NAME_LENGTH) return `the file name is longer than ${MAX_FILE_NAME_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the file name contains a control character';
  if (name.includes('/') || name.includes('\\')) return "the file name contains a path separator ('/' or '\\')";
  if (name.includes('..')) return "the file name contains '..'";
  if (!ALLOWED.test(name)) {
    return "the file name may only contain letters, digits, spaces, '.', '-' and '_'";
  }
  if (name.startsWith('.')) return 'the file name starts with a dot';
  if (name.startsWith(' ')) return 'the file name starts with a space';
  if (!name.endsWith(FILE_EXTENSION) || name.length === FILE_EXTENSION.length) {
    return `the file name must end in '${FILE_EXTENSION}'`;
  }
  return undefined;
}

/** The name itself when valid; otherwise a 400 INVALID_FILE_NAME naming what is wrong. */
export function checkFileName(name: unknown): string {
  const problem = fileNameProblem(name);
  if (problem) {
    throw new ApiException(
      400,
      'INVALID_FILE_NAME',
      `Invalid file name ${describe(name)}: ${problem} (expected ${FILE_NAME_RULE})`,
    );
  }
  return name as string;
}

/** The rejected name, quoted with control characters escaped and cut short, safe to echo back. */
function describe(name: unknown): string {
  if (typeof name !== 'string') return `of type ${typeof name}`;
  const shown = JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
  return shown;
}

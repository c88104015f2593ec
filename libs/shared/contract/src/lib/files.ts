/** One of the user's saved scripts, as GET /api/files lists it. */
export interface FileSummary {
  name: string;
  /** UTF-8 byte length of the content. */
  size: number;
  created_at: string;
  updated_at: string;
}

/** GET /api/files/:name: the file with its content. */
export interface FileDetail extends FileSummary {
  content: string;
}

/**
 * Response header of GET and PUT /api/files/:name: the version of the file's content (1 when
 * created, one more at each save). A PUT that sends it back as `version` replaces only that
 * version, else 409 FILE_CHANGED.
 */
export const FILE_VERSION_HEADER = 'X-File-Version';

/** A file, or a save of one, with the version of its content (null if the server did not say). */
export interface Versioned<T> {
  file: T;
  version: number | null;
}

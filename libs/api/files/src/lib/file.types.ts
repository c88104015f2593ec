/**
 * Wire shapes of `/api/files`. They belong with the other wire types in `@chariot/contract`
 * once the IDE uses them; they are here until then so this library stays self-contained.
 */
export interface FileSummary {
  name: string;
  /** UTF-8 byte length of the content. */
  size: number;
  created_at: string;
  updated_at: string;
}

export interface FileDetail extends FileSummary {
  content: string;
}

export interface FileDeleted {
  deleted: string;
}

/** Limits of one user's store. */
export interface FilesLimits {
  /** Largest content of one file, in UTF-8 bytes (the program limit: a file must stay runnable). */
  maxFileBytes: number;
  /** Files one user may keep. */
  maxFilesPerUser: number;
  /** Bytes of content one user may keep across all files. */
  maxTotalBytesPerUser: number;
}

export const DEFAULT_MAX_FILES_PER_USER = 500;
export const DEFAULT_MAX_TOTAL_BYTES_PER_USER = 64 * 1024 * 1024;

/** Injection token of the FilesLimits. */
export const FILES_LIMITS = Symbol('FILES_LIMITS');

/**
 * The wire shapes of `/api/files` (FileSummary, FileDetail) live in `@chariot/contract`, which the
 * IDE shares; what stays here is the server's own configuration of the store.
 */
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

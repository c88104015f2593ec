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


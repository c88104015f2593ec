/** One builtin of the language, as GET /api/functions lists it for completion and highlighting. */
export interface FunctionInfo {
  name: string;
  category: string;
  minArgs: number;
  maxArgs: number | null;
  doc: string;
}

export interface FunctionCatalog {
  keywords: string[];
  functions: FunctionInfo[];
}

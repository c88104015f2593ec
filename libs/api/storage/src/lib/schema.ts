import type { Generated } from 'kysely';

/** Timestamps are ISO-8601 UTC strings in both SQLite and PostgreSQL, so one schema serves both. */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: 'admin' | 'user';
  password_is_default: number;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token: a leaked database does not leak live sessions. */
  token_hash: string;
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ExecutionsTable {
  id: string;
  owner_id: string;
  owner: string;
  program: string;
  status: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** JSON text of the script's value, when it succeeded. */
  result_json: string | null;
  /** JSON text of the ApiErrorBody, when it did not. */
  error_json: string | null;
  /**
   * JSON text of the VariableSnapshot[] the script left defined when it ended by itself; null
   * while it runs, when it was stopped, and for executions stored before the inspector.
   * Large (up to 500 previews of 1000 characters): read only for one execution's detail.
   */
  variables_json: string | null;
  entry_count: number;
  dropped_count: number;
  progress_percent: number | null;
  progress_message: string | null;
  /** The instance that runs or ran it (INSTANCE_ID); null for executions stored before migration 006. */
  instance: string | null;
  /** UTF-8 bytes of its stored log messages, written when it ends (migration 007). */
  log_bytes: Generated<number>;
  /** The saved file its program came from, as the client named it (migration 008); null when none was named. */
  file_name: string | null;
}

/**
 * One row per live instance sharing a PostgreSQL database, renewed by it while it lives; times
 * are the database's clock (ISO text), so hosts' clocks need not agree.
 */
export interface InstanceLeasesTable {
  instance: string;
  started_at: string;
  renewed_at: string;
}

export interface LogEntriesTable {
  execution_id: string;
  seq: number;
  timestamp: string;
  level: string;
  message: string;
}

/** A user's script, stored whole; `size` is its UTF-8 byte length, kept so listings skip content. */
export interface FilesTable {
  id: string;
  owner_id: string;
  name: string;
  content: string;
  size: number;
  created_at: string;
  updated_at: string;
  /** 1 when created, one more at each save of its content (migration 005). */
  version: Generated<number>;
}

/** One row per user whose example scripts were created, so deleting them all never re-seeds. */
export interface FileSeedsTable {
  owner_id: string;
  seeded_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  executions: ExecutionsTable;
  log_entries: LogEntriesTable;
  files: FilesTable;
  file_seeds: FileSeedsTable;
  instance_leases: InstanceLeasesTable;
  chariot_meta: { key: string; value: string; id?: Generated<number> };
}

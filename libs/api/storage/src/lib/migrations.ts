import { Kysely, Migration, MigrationProvider, PostgresAdapter, sql } from 'kysely';

/**
 * The schema, one step a migration. Column types are chosen to mean the same in SQLite and
 * PostgreSQL (text ids and ISO timestamps, bigint-free integers), so both run these unchanged.
 */
const migrations: Record<string, Migration> = {
  '001_users_and_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    },
  },
  '002_executions_and_logs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('executions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('program', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('result_json', 'text')
        .addColumn('error_json', 'text')
        .addColumn('entry_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('dropped_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('progress_percent', 'real')
        .addColumn('progress_message', 'text')
        .execute();
      await db.schema
        .createIndex('executions_owner_created')
        .on('executions')
        .columns(['owner_id', 'created_at'])
        .execute();
      await db.schema.createIndex('executions_status').on('executions').column('status').execute();
      await db.schema
        .createTable('log_entries')
        .addColumn('execution_id', 'text', (c) => c.notNull().references('executions.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('timestamp', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('log_entries_pk', ['execution_id', 'seq'])
        .execute();
    },
  },
  '003_files': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('files_owner_name', ['owner_id', 'name'])
        .execute();
      await db.schema
        .createTable('file_seeds')
        .addColumn('owner_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('seeded_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '004_execution_variables': {
    async up(db: Kysely<unknown>) {
      // JSON text of the VariableSnapshot[] a script left defined; null when there is none
      await db.schema.alterTable('executions').addColumn('variables_json', 'text').execute();
    },
  },
  '005_file_versions': {
    async up(db: Kysely<unknown>) {
      // counts the saves of a file's content (1 when created): a save that names an older one is refused
      await db.schema
        .alterTable('files')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
  },
  '006_execution_instances': {
    async up(db: Kysely<unknown>) {
      // the instance that runs an execution (null: stored before instances were recorded), so a
      // start-up or a dead instance's sweep marks only that instance's executions
      await db.schema.alterTable('executions').addColumn('instance', 'text').execute();
      await db.schema
        .createIndex('executions_instance_status')
        .on('executions')
        .columns(['instance', 'status'])
        .execute();
      await db.schema
        .createTable('instance_leases')
        .addColumn('instance', 'text', (c) => c.primaryKey())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('renewed_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '007_execution_log_bytes': {
    async up(db: Kysely<unknown>) {
      // UTF-8 bytes of the execution's stored log messages: a user's sum is checked against
      // MAX_STORED_BYTES_PER_USER; executions stored before are counted from their entries once
      await db.schema
        .alterTable('executions')
        .addColumn('log_bytes', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update executions set log_bytes = (select coalesce(sum(octet_length(message)), 0) from log_entries where log_entries.execution_id = executions.id)`.execute(
        db,
      );
    },
  },
  '008_execution_file_names': {
    async up(db: Kysely<unknown>) {
      // the saved file a run's program came from, as the client named it (null: typed in, or
      // stored before runs recorded it); a record only: the file may be renamed or deleted since
      await db.schema.alterTable('executions').addColumn('file_name', 'text').execute();
    },
  },
  '009_log_entries_without_foreign_key_on_postgres': {
    async up(db: Kysely<unknown>) {
      // PostgreSQL checks a foreign key with a query per inserted row, which cost twice what
      // storing the rows does: a flood's log went in at a third of its speed. The log writer
      // checks the execution once per batch instead (its counters' UPDATE must find the row),
      // and deleting an execution deletes its entries itself. SQLite's check is a lookup in the
      // same file, and dropping it would mean copying the whole table: it stays there.
      if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
      await sql`alter table log_entries drop constraint if exists log_entries_execution_id_fkey`.execute(db);
    },
  },
};

export const chariotMigrations: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

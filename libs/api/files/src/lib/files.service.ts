import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { ApiException, CLOCK, Clock, ID_SOURCE, IdSource } from '@chariot/api-common';
import { ChariotDb, DATABASE, FilesTable } from '@chariot/api-storage';
import { EXAMPLE_FILES } from './examples';
import { checkFileName } from './file-name';
import type { FileDetail, FileSummary } from '@chariot/contract';
import { FilesLimits, FILES_LIMITS } from './file.types';

type SummaryRow = Pick<FilesTable, 'name' | 'size' | 'created_at' | 'updated_at'>;

function toSummary(row: SummaryRow): FileSummary {
  return { name: row.name, size: Number(row.size), created_at: row.created_at, updated_at: row.updated_at };
}

/**
 * Case-insensitive, then by code unit: the same order on SQLite and PostgreSQL whatever the
 * database collation, and `Beta.ch` sorts between `alpha.ch` and `gamma.ch` as a person expects.
 */
function byName(a: FileSummary, b: FileSummary): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A duplicate (owner_id, name), from either database: another request got there first. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(String(e?.message))
  );
}

const fileNotFound = (name: string) => new ApiException(404, 'NOT_FOUND', `File '${name}' not found`);
const fileExists = (name: string) => new ApiException(409, 'FILE_EXISTS', `A file named '${name}' already exists`);
/** `current`: the version the file is at, null when it is gone, undefined when a concurrent save just moved it on. */
const fileChanged = (name: string, expected: number, current: number | null | undefined) =>
  new ApiException(
    409,
    'FILE_CHANGED',
    current === null
      ? `'${name}' was deleted since version ${expected} was read; save without a version to create it again`
      : `'${name}' was saved elsewhere since version ${expected} was read (it is at ${current === undefined ? 'a newer version' : `version ${current}`}); ` +
        'reload it, or save without a version to overwrite',
  );

// Lone UTF-16 surrogates cannot be stored as UTF-8 text without being silently replaced.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface SavedFile {
  file: FileSummary;
  /** True when the name was new, false when an existing file was overwritten. */
  created: boolean;
  /** The version the content now has (1 when created). */
  version: number;
}

/** A file with the version of its content. */
export interface VersionedFile {
  file: FileDetail;
  version: number;
}

/**
 * Each user's scripts, kept in the database (one schema on SQLite and PostgreSQL). Every query
 * is scoped by owner: another user's file is indistinguishable from a missing one (404). Names
 * pass `checkFileName` on every route. A user's store starts with the example scripts, created
 * once (marked in `file_seeds`), so deleting them never brings them back.
 */
@Injectable()
export class FilesService {
  /** Owners known to be seeded: a fact that never turns false, so a cache is safe across instances. */
  private readonly seeded = new Set<string>();

  constructor(
    @Inject(DATABASE) private readonly db: ChariotDb,
    @Inject(FILES_LIMITS) private readonly limits: FilesLimits,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  async list(ownerId: string): Promise<FileSummary[]> {
    await this.ensureExamples(ownerId);
    const rows = await this.db
      .selectFrom('files')
      .select(['name', 'size', 'created_at', 'updated_at'])
      .where('owner_id', '=', ownerId)
      .execute();
    return rows.map(toSummary).sort(byName);
  }

  async get(ownerId: string, name: string): Promise<VersionedFile> {
    checkFileName(name);
    await this.ensureExamples(ownerId);
    const row = await this.db
      .selectFrom('files')
      .select(['name', 'content', 'size', 'created_at', 'updated_at', 'version'])
      .where('owner_id', '=', ownerId)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw fileNotFound(name);
    return { file: { ...toSummary(row), content: row.content }, version: Number(row.version) };
  }

  /**
   * Creates the file or replaces its content, within the size limit and the user's quota. With
   * `expectedVersion` (the version the caller read) it replaces only that version: a file saved
   * or deleted since answers 409 FILE_CHANGED, so the last of two editors no longer silently wins.
   */
  async save(ownerId: string, name: string, content: string, expectedVersion?: number): Promise<SavedFile> {
    checkFileName(name);
    const size = this.checkContent(content);
    await this.ensureExamples(ownerId);
    try {
      return await this.upsert(ownerId, name, content, size, expectedVersion);
    } catch (error) {
      // Two first saves of one name raced (PostgreSQL): the loser overwrites, as if it came second.
      if (isUniqueViolation(error)) return this.upsert(ownerId, name, content, size, expectedVersion);
      throw error;
    }
  }

  /** Renames keeping content and timestamps; 409 FILE_EXISTS when the new name is taken. */
  async rename(ownerId: string, name: string, newName: string): Promise<FileSummary> {
    checkFileName(name);
    checkFileName(newName);
    await this.ensureExamples(ownerId);
    try {
      return await this.db.transaction().execute(async (trx) => {
        const source = await trx
          .selectFrom('files')
          .select(['id', 'name', 'size', 'created_at', 'updated_at'])
          .where('owner_id', '=', ownerId)
          .where('name', '=', name)
          .executeTakeFirst();
        if (!source) throw fileNotFound(name);
        if (newName === name) return toSummary(source);
        const target = await trx
          .selectFrom('files')
          .select('id')
          .where('owner_id', '=', ownerId)
          .where('name', '=', newName)
          .executeTakeFirst();
        if (target) throw fileExists(newName);
        await trx.updateTable('files').set({ name: newName }).where('id', '=', source.id).execute();
        return toSummary({ ...source, name: newName });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw fileExists(newName);
      throw error;
    }
  }

  async delete(ownerId: string, name: string): Promise<void> {
    checkFileName(name);
    await this.ensureExamples(ownerId);
    const result = await this.db
      .deleteFrom('files')
      .where('owner_id', '=', ownerId)
      .where('name', '=', name)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw fileNotFound(name);
  }

  /**
   * Creates the example scripts the first time a user's store is touched. The marker row and
   * the examples are written in one transaction; a concurrent first request finds the marker
   * and writes nothing, and a name the user already has is left alone.
   */
  async ensureExamples(ownerId: string): Promise<void> {
    if (this.seeded.has(ownerId)) return;
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now().toISOString();
      const marked = await trx
        .insertInto('file_seeds')
        .values({ owner_id: ownerId, seeded_at: now })
        .onConflict((oc) => oc.column('owner_id').doNothing())
        .executeTakeFirst();
      if (Number(marked.numInsertedOrUpdatedRows ?? 0) === 0) return;
      for (const example of EXAMPLE_FILES) {
        await trx
          .insertInto('files')
          .values({
            id: this.ids.uuid(),
            owner_id: ownerId,
            name: example.name,
            content: example.content,
            size: Buffer.byteLength(example.content, 'utf8'),
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.columns(['owner_id', 'name']).doNothing())
          .execute();
      }
    });
    this.seeded.add(ownerId);
  }

  /** The content's UTF-8 size, once it is known to be storable and runnable. */
  private checkContent(content: string): number {
    if (typeof content !== 'string') throw new ApiException(400, 'INVALID_FILE_CONTENT', 'content must be a string');
    const size = Buffer.byteLength(content, 'utf8');
    if (size > this.limits.maxFileBytes) {
      throw new ApiException(
        413,
        'FILE_TOO_LARGE',
        `File content is ${size} bytes; the limit is ${this.limits.maxFileBytes} bytes`,
      );
    }
    if (content.includes('\u0000')) {
      throw new ApiException(400, 'INVALID_FILE_CONTENT', 'File content must not contain NUL characters');
    }
    if (LONE_SURROGATE.test(content)) {
      throw new ApiException(400, 'INVALID_FILE_CONTENT', 'File content is not valid Unicode (unpaired surrogate)');
    }
    return size;
  }

  private async upsert(
    ownerId: string,
    name: string,
    content: string,
    size: number,
    expectedVersion?: number,
  ): Promise<SavedFile> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now().toISOString();
      const existing = await trx
        .selectFrom('files')
        .select(['id', 'size', 'created_at', 'version'])
        .where('owner_id', '=', ownerId)
        .where('name', '=', name)
        .executeTakeFirst();
      const version = existing ? Number(existing.version) : null;
      if (expectedVersion !== undefined && version !== expectedVersion)
        throw fileChanged(name, expectedVersion, version);
      const usage = await trx
        .selectFrom('files')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('count'),
          sql<number | string | null>`sum(${eb.ref('size')})`.as('bytes'),
        ])
        .where('owner_id', '=', ownerId)
        .executeTakeFirstOrThrow();
      const count = Number(usage.count);
      const bytes = Number(usage.bytes ?? 0) - Number(existing?.size ?? 0) + size;
      if (!existing && count >= this.limits.maxFilesPerUser) {
        throw new ApiException(
          409,
          'FILE_QUOTA_EXCEEDED',
          `You already have ${count} files, the most one user may keep (${this.limits.maxFilesPerUser}); delete some first`,
        );
      }
      if (bytes > this.limits.maxTotalBytesPerUser) {
        throw new ApiException(
          409,
          'FILE_QUOTA_EXCEEDED',
          `Saving this would bring your files to ${bytes} bytes, over your ${this.limits.maxTotalBytesPerUser}-byte quota; delete some first`,
        );
      }
      if (existing) {
        // With a version, only that one is replaced: a save that committed in between (PostgreSQL
        // runs these concurrently) leaves no row to update, and this one is the stale one.
        let update = trx
          .updateTable('files')
          .set((eb) => ({ content, size, updated_at: now, version: eb('version', '+', 1) }))
          .where('id', '=', existing.id);
        if (expectedVersion !== undefined) update = update.where('version', '=', expectedVersion);
        const updated = await update.returning('version').executeTakeFirst();
        if (!updated) throw fileChanged(name, expectedVersion ?? 0, undefined);
        return {
          file: { name, size, created_at: existing.created_at, updated_at: now },
          created: false,
          version: Number(updated.version),
        };
      }
      await trx
        .insertInto('files')
        .values({
          id: this.ids.uuid(),
          owner_id: ownerId,
          name,
          content,
          size,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      return { file: { name, size, created_at: now, updated_at: now }, created: true, version: 1 };
    });
  }
}

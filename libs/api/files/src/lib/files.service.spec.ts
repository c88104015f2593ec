import { ApiException, ManualClock, SequentialIds } from '@chariot/api-common';
import { ChariotDb, migrateToLatest, openDatabase } from '@chariot/api-storage';
import { EXAMPLE_FILES } from './examples';
import { FilesLimits } from './file.types';
import { FilesService } from './files.service';

const LIMITS: FilesLimits = { maxFileBytes: 1024, maxFilesPerUser: 6, maxTotalBytesPerUser: 4096 };
const EXAMPLES = EXAMPLE_FILES.map((f) => f.name).sort();

async function codeOf(promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) {
      return [error.getStatus(), (error.getResponse() as { error: { code: string } }).error.code];
    }
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('FilesService', () => {
  let db: ChariotDb;
  let files: FilesService;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock();
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    for (const id of ['alice', 'bob']) {
      await db
        .insertInto('users')
        .values({
          id,
          username: id,
          password_hash: 'h',
          role: 'user',
          password_is_default: 0,
          created_at: new Date().toISOString(),
        })
        .execute();
    }
    files = new FilesService(db, LIMITS, clock, new SequentialIds());
  });
  afterEach(() => db.destroy());

  it('gives a new user the example scripts, sorted by name', async () => {
    const list = await files.list('alice');
    expect(list.map((f) => f.name)).toEqual(EXAMPLES);
    const { file: hello, version } = await files.get('alice', 'hello.ch');
    expect(version).toBe(1);
    expect(hello.content).toContain('logPrint("Starting test"); let x = 1 + 2;');
    expect(hello.size).toBe(Buffer.byteLength(hello.content));
  });

  it('does not seed again once every example has been deleted', async () => {
    for (const name of EXAMPLES) await files.delete('alice', name);
    expect(await files.list('alice')).toEqual([]);
    // A fresh service (another instance, or after a restart) has no cache and reads the marker.
    expect(await new FilesService(db, LIMITS, clock, new SequentialIds()).list('alice')).toEqual([]);
  });

  it('seeds once when the first requests of a user arrive together', async () => {
    const fresh = () => new FilesService(db, LIMITS, clock, new SequentialIds());
    await Promise.all([fresh().list('bob'), fresh().list('bob'), fresh().get('bob', 'hello.ch')]);
    expect((await files.list('bob')).map((f) => f.name)).toEqual(EXAMPLES);
  });

  it('keeps a user-made file whose name an example would take', async () => {
    await files.save('alice', 'hello.ch', 'mine');
    expect((await files.get('alice', 'hello.ch')).file.content).toBe('mine');
    expect((await files.list('alice')).map((f) => f.name)).toEqual(EXAMPLES);
  });

  it('creates, then overwrites keeping created_at', async () => {
    const first = await files.save('alice', 'a.ch', 'logPrint("one")');
    expect(first.created).toBe(true);
    expect(first.file).toMatchObject({ name: 'a.ch', size: 15 });
    clock.advance(5000);
    const second = await files.save('alice', 'a.ch', 'é');
    expect(second.created).toBe(false);
    expect(second.file.size).toBe(2);
    expect(second.file.created_at).toBe(first.file.created_at);
    expect(Date.parse(second.file.updated_at) - Date.parse(first.file.updated_at)).toBe(5000);
    expect(await files.get('alice', 'a.ch')).toEqual({ file: { ...second.file, content: 'é' }, version: 2 });
  });

  it('replaces only the version the caller read: a newer or deleted one answers 409 FILE_CHANGED and keeps its content', async () => {
    const created = await files.save('alice', 'shared.ch', 'v1');
    expect(created.version).toBe(1);
    const tabA = await files.save('alice', 'shared.ch', 'from A', 1);
    expect(tabA.version).toBe(2);
    // Tab B still holds version 1.
    expect(await codeOf(files.save('alice', 'shared.ch', 'from B', 1))).toEqual([409, 'FILE_CHANGED']);
    expect(await files.get('alice', 'shared.ch')).toMatchObject({ file: { content: 'from A' }, version: 2 });
    // Without a version B overwrites (the IDE's "overwrite"), and the version goes on counting.
    expect((await files.save('alice', 'shared.ch', 'from B')).version).toBe(3);

    await files.delete('alice', 'shared.ch');
    expect(await codeOf(files.save('alice', 'shared.ch', 'again', 3))).toEqual([409, 'FILE_CHANGED']);
    expect(await codeOf(files.get('alice', 'shared.ch'))).toEqual([404, 'NOT_FOUND']);
  });

  it('keeps the version across a rename', async () => {
    await files.save('alice', 'old.ch', 'a');
    await files.save('alice', 'old.ch', 'b', 1);
    await files.rename('alice', 'old.ch', 'new.ch');
    expect((await files.get('alice', 'new.ch')).version).toBe(2);
  });

  it('accepts empty content', async () => {
    expect((await files.save('alice', 'empty.ch', '')).file.size).toBe(0);
  });

  it('sorts case-insensitively', async () => {
    await files.save('bob', 'Zeta.ch', '');
    await files.save('bob', 'alpha.ch', '');
    await files.save('bob', 'Beta.ch', '');
    const names = (await files.list('bob')).map((f) => f.name).filter((n) => !EXAMPLES.includes(n));
    expect(names).toEqual(['alpha.ch', 'Beta.ch', 'Zeta.ch']);
  });

  it("never shows one user another user's file", async () => {
    await files.save('alice', 'secret.ch', 'alice only');
    expect(await codeOf(files.get('bob', 'secret.ch'))).toEqual([404, 'NOT_FOUND']);
    expect(await codeOf(files.delete('bob', 'secret.ch'))).toEqual([404, 'NOT_FOUND']);
    expect(await codeOf(files.rename('bob', 'secret.ch', 'mine.ch'))).toEqual([404, 'NOT_FOUND']);
    expect((await files.list('bob')).map((f) => f.name)).not.toContain('secret.ch');
    // Bob saving the same name makes his own file; Alice's stays as it was.
    await files.save('bob', 'secret.ch', 'bob');
    expect((await files.get('alice', 'secret.ch')).file.content).toBe('alice only');
  });

  it('renames, keeping content and timestamps, and refuses to overwrite with 409', async () => {
    const saved = await files.save('alice', 'old.ch', 'x');
    await files.save('alice', 'taken.ch', 'y');
    expect(await codeOf(files.rename('alice', 'old.ch', 'taken.ch'))).toEqual([409, 'FILE_EXISTS']);
    expect((await files.get('alice', 'taken.ch')).file.content).toBe('y');
    const renamed = await files.rename('alice', 'old.ch', 'new.ch');
    expect(renamed).toEqual({ ...saved.file, name: 'new.ch' });
    expect((await files.get('alice', 'new.ch')).file.content).toBe('x');
    expect(await codeOf(files.get('alice', 'old.ch'))).toEqual([404, 'NOT_FOUND']);
    expect(await codeOf(files.rename('alice', 'missing.ch', 'other.ch'))).toEqual([404, 'NOT_FOUND']);
    expect(await files.rename('alice', 'new.ch', 'new.ch')).toEqual(renamed);
  });

  it('validates names on every operation, writing nothing', async () => {
    for (const bad of ['../a.ch', 'a/b.ch', '..\\a.ch', 'a\u0000.ch', 'noext']) {
      expect(await codeOf(files.save('alice', bad, 'x'))).toEqual([400, 'INVALID_FILE_NAME']);
      expect(await codeOf(files.get('alice', bad))).toEqual([400, 'INVALID_FILE_NAME']);
      expect(await codeOf(files.delete('alice', bad))).toEqual([400, 'INVALID_FILE_NAME']);
      expect(await codeOf(files.rename('alice', bad, 'ok.ch'))).toEqual([400, 'INVALID_FILE_NAME']);
    }
    await files.save('alice', 'ok.ch', 'x');
    expect(await codeOf(files.rename('alice', 'ok.ch', '../escape.ch'))).toEqual([400, 'INVALID_FILE_NAME']);
    const rows = await db.selectFrom('files').select('name').where('owner_id', '=', 'alice').execute();
    expect(rows.map((r) => r.name).sort()).toEqual([...EXAMPLES, 'ok.ch'].sort());
  });

  it('refuses content over the size limit with 413, and content that cannot be stored as text', async () => {
    expect(await codeOf(files.save('alice', 'big.ch', 'x'.repeat(1025)))).toEqual([413, 'FILE_TOO_LARGE']);
    // 512 two-byte characters: 1024 bytes, exactly the limit.
    expect((await files.save('alice', 'edge.ch', 'é'.repeat(512))).file.size).toBe(1024);
    expect(await codeOf(files.save('alice', 'edge.ch', 'é'.repeat(513)))).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await codeOf(files.save('alice', 'nul.ch', 'a\u0000b'))).toEqual([400, 'INVALID_FILE_CONTENT']);
    expect(await codeOf(files.save('alice', 'sur.ch', 'a\ud800b'))).toEqual([400, 'INVALID_FILE_CONTENT']);
    expect((await files.save('alice', 'emoji.ch', '😀')).file.size).toBe(4);
  });

  it('enforces the per-user file count, still allowing overwrites', async () => {
    await files.list('alice'); // the examples count too
    for (let i = EXAMPLES.length; i < LIMITS.maxFilesPerUser; i++) await files.save('alice', `f${i}.ch`, '');
    expect(await codeOf(files.save('alice', 'one-too-many.ch', ''))).toEqual([409, 'FILE_QUOTA_EXCEEDED']);
    expect((await files.save('alice', 'hello.ch', 'changed')).created).toBe(false);
    await files.delete('alice', 'hello.ch');
    expect((await files.save('alice', 'one-more.ch', '')).created).toBe(true);
    // Another user's quota is their own.
    expect((await files.save('bob', 'b.ch', '')).created).toBe(true);
  });

  it('enforces the per-user byte quota, counting an overwrite by its new size', async () => {
    for (const name of EXAMPLES) await files.delete('bob', name);
    for (let i = 0; i < 4; i++) await files.save('bob', `k${i}.ch`, 'x'.repeat(1000));
    expect(await codeOf(files.save('bob', 'k4.ch', 'x'.repeat(100)))).toEqual([409, 'FILE_QUOTA_EXCEEDED']);
    expect((await files.save('bob', 'k0.ch', 'x'.repeat(1024))).created).toBe(false);
    await files.save('bob', 'k1.ch', '');
    expect((await files.save('bob', 'k4.ch', 'x'.repeat(900))).created).toBe(true);
  });

  it('answers 404 when deleting a missing file', async () => {
    expect(await codeOf(files.delete('alice', 'missing.ch'))).toEqual([404, 'NOT_FOUND']);
  });

  it("removes a user's files when the user is deleted", async () => {
    await files.save('alice', 'a.ch', 'x');
    await db.deleteFrom('users').where('id', '=', 'alice').execute();
    expect(await db.selectFrom('files').select('id').where('owner_id', '=', 'alice').execute()).toEqual([]);
    expect(await db.selectFrom('file_seeds').select('owner_id').where('owner_id', '=', 'alice').execute()).toEqual([]);
  });
});

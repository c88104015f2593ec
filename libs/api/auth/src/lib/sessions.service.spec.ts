import { ManualClock, SequentialIds } from '@chariot/api-common';
import { loadConfig } from '@chariot/api-config';
import { ChariotDb, migrateToLatest, openDatabase, UsersTable } from '@chariot/api-storage';
import { SessionsService } from './sessions.service';

const IDLE_MS = 10 * 60_000;

describe('SessionsService', () => {
  let db: ChariotDb;
  let clock: ManualClock;
  let sessions: SessionsService;
  let alice: UsersTable;

  beforeEach(async () => {
    clock = new ManualClock();
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    alice = {
      id: 'alice-id',
      username: 'alice',
      password_hash: 'h',
      role: 'user',
      password_is_default: 0,
      created_at: clock.now().toISOString(),
    };
    await db.insertInto('users').values(alice).execute();
    sessions = new SessionsService(db, loadConfig({ SESSION_IDLE_MINUTES: '10' }), clock, new SequentialIds());
  });
  afterEach(() => db.destroy());

  it('finds the user behind a token it issued, and no one behind any other', async () => {
    const { token } = await sessions.issue(alice);
    await expect(sessions.authenticate(token)).resolves.toEqual({
      id: 'alice-id',
      username: 'alice',
      role: 'user',
      sessionId: '00000000-0000-4000-8000-000000000001',
      mustChangePassword: false,
    });
    await expect(sessions.authenticate(`${token}x`)).resolves.toBeUndefined();
    await expect(sessions.authenticate('')).resolves.toBeUndefined();
  });

  it('reads the user as it is now: a changed role or default password shows at once', async () => {
    const { token } = await sessions.issue(alice);
    await db.updateTable('users').set({ role: 'admin', password_is_default: 1 }).where('id', '=', alice.id).execute();
    await expect(sessions.authenticate(token)).resolves.toMatchObject({ role: 'admin', mustChangePassword: true });
  });

  it('ends a session that was revoked, or whose user ended the others', async () => {
    const first = await sessions.issue(alice);
    const second = await sessions.issue(alice);
    await sessions.revoke(first.token);
    await expect(sessions.authenticate(first.token)).resolves.toBeUndefined();
    const kept = await sessions.authenticate(second.token);
    const third = await sessions.issue(alice);
    await sessions.revokeAllOf(alice.id, kept?.sessionId);
    await expect(sessions.authenticate(third.token)).resolves.toBeUndefined();
    await expect(sessions.authenticate(second.token)).resolves.toMatchObject({ id: alice.id });
  });

  it('slides the expiry of a session in use and deletes one left idle too long', async () => {
    const used = await sessions.issue(alice);
    const idle = await sessions.issue(alice);
    clock.advance(IDLE_MS - 1000);
    await expect(sessions.authenticate(used.token)).resolves.toBeDefined();
    clock.advance(2000); // past the idle one's expiry, not the used one's
    await expect(sessions.authenticate(idle.token)).resolves.toBeUndefined();
    await expect(sessions.authenticate(used.token)).resolves.toBeDefined();
    const left = await db.selectFrom('sessions').select('id').execute();
    expect(left).toHaveLength(1);
  });
});

import { Inject, Injectable } from '@nestjs/common';
import { CompiledQuery } from 'kysely';
import { Cron } from '@nestjs/schedule';
import { createHash, randomBytes } from 'node:crypto';
import { AuthenticatedUser, CLOCK, Clock, ID_SOURCE, IdSource } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { ChariotDb, DATABASE, preparedStatement, UsersTable } from '@chariot/api-storage';

const TOUCH_EVERY_MS = 30_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The session of a token's hash, with its user. */
function sessionLookup(db: ChariotDb, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.username',
      'users.role',
      'users.password_is_default',
    ])
    .where('sessions.token_hash', '=', tokenHash);
}

type SessionLookupRow = Awaited<ReturnType<ReturnType<typeof sessionLookup>['executeTakeFirstOrThrow']>>;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

/**
 * Opaque random bearer tokens with an idle timeout; only their hashes are stored. A user holds
 * at most MAX_SESSIONS_PER_USER: a login past it ends their least recently used session.
 */
@Injectable()
export class SessionsService {
  /**
   * The SQL of the lookup every authenticated request makes, built once: building and compiling
   * it with Kysely took longer than SQLite takes to answer it. Only the token's hash, a hex
   * digest, changes from one request to the next, and PostgreSQL prepares it once per connection
   * (parsing and planning it took longer than running it).
   */
  private readonly lookupSql: string;

  constructor(
    @Inject(DATABASE) private readonly db: ChariotDb,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {
    this.lookupSql = preparedStatement('session_lookup', sessionLookup(db, '').compile().sql);
  }

  private get idleMs(): number {
    return this.config.SESSION_IDLE_MINUTES * 60_000;
  }

  async issue(user: UsersTable): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.idleMs);
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        id: this.ids.uuid(),
        user_id: user.id,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    await this.endSessionsOverCap(user.id);
    return { token, expiresAt };
  }

  private async endSessionsOverCap(userId: string): Promise<void> {
    const sessions = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .orderBy('last_seen_at', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    const surplus = sessions.slice(this.config.MAX_SESSIONS_PER_USER).map((s) => s.id);
    if (surplus.length) await this.db.deleteFrom('sessions').where('id', 'in', surplus).execute();
  }

  /** The user behind a live token, sliding its expiry forward; undefined when unknown or expired. */
  async authenticate(token: string): Promise<AuthenticatedUser | undefined> {
    const tokenHash = hashToken(token);
    const { rows } = await this.db.executeQuery<SessionLookupRow>(CompiledQuery.raw(this.lookupSql, [tokenHash]));
    const row: SessionLookupRow | undefined = rows[0];
    if (!row) return undefined;
    const now = this.clock.epochMs();
    if (Date.parse(row.expires_at) <= now) {
      await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      return undefined;
    }
    if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(now).toISOString(), expires_at: new Date(now + this.idleMs).toISOString() })
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    return {
      id: row.user_id,
      username: row.username,
      role: row.role,
      sessionId: row.session_id,
      mustChangePassword: row.password_is_default === 1,
    };
  }

  async revoke(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
  }

  async revokeAllOf(userId: string, exceptSessionId?: string): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
    await query.execute();
  }

  @Cron('0 */10 * * * *')
  async purgeExpired(): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', this.clock.now().toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

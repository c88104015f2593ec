import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { UserProfile, UserRole } from '@chariot/contract';
import { ApiException, CLOCK, Clock, ID_SOURCE, IdSource } from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { ChariotDb, DATABASE, UsersTable } from '@chariot/api-storage';
import { hashPassword, verifyPassword } from './password-hasher';

// Hashed once so that a login for an unknown name costs the same as one with a wrong password.
const DUMMY_HASH = hashPassword('not-a-real-password');

export function toProfile(user: UsersTable): UserProfile {
  return {
    username: user.username,
    role: user.role,
    created_at: user.created_at,
    must_change_password: user.password_is_default === 1,
  };
}

@Injectable()
export class UsersService implements OnModuleInit {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(DATABASE) private readonly db: ChariotDb,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const existing = await this.findByName(this.config.ADMIN_USERNAME);
    if (!existing) {
      const any = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (!any) {
        await this.insert(this.config.ADMIN_USERNAME, this.config.ADMIN_PASSWORD, 'admin', true);
        this.logger.log(`Seeded the default user '${this.config.ADMIN_USERNAME}'`);
      }
    }
    const admin = await this.findByName(this.config.ADMIN_USERNAME);
    if (admin?.password_is_default) {
      this.logger.warn(
        `The user '${admin.username}' still has its default password: change it with POST /api/session/password` +
          (this.config.ALLOW_DEFAULT_PASSWORD
            ? ' (ALLOW_DEFAULT_PASSWORD is set: it may do everything meanwhile)'
            : '; until then it may do nothing else'),
      );
    }
  }

  findByName(username: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findById(id: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The user with these credentials, or undefined; timing does not reveal which part was wrong. */
  async verifyCredentials(username: string, password: string): Promise<UsersTable | undefined> {
    const user = await this.findByName(username);
    const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH));
    return user && ok ? user : undefined;
  }

  async create(username: string, password: string, role: UserRole): Promise<UsersTable> {
    if (await this.findByName(username)) {
      throw new ApiException(409, 'USER_EXISTS', `User '${username}' already exists`);
    }
    return this.insert(username, password, role, false);
  }

  async list(): Promise<UserProfile[]> {
    const users = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return users.map(toProfile);
  }

  async delete(username: string, actingUserId: string): Promise<void> {
    const user = await this.findByName(username);
    if (!user) throw new ApiException(404, 'NOT_FOUND', `User '${username}' not found`);
    if (user.id === actingUserId) throw new ApiException(409, 'CANNOT_DELETE_SELF', 'You cannot delete yourself');
    await this.db.deleteFrom('users').where('id', '=', user.id).execute();
  }

  /** Whether `password` is this user's password. */
  async checkPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.findById(userId);
    return user !== undefined && (await verifyPassword(password, user.password_hash));
  }

  /** Sets a new password; it is no longer the default one. */
  async setPassword(userId: string, next: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(next), password_is_default: 0 })
      .where('id', '=', userId)
      .execute();
  }

  private async insert(username: string, password: string, role: UserRole, isDefault: boolean): Promise<UsersTable> {
    const user: UsersTable = {
      id: this.ids.uuid(),
      username,
      password_hash: await hashPassword(password),
      role,
      password_is_default: isDefault ? 1 : 0,
      created_at: this.clock.now().toISOString(),
    };
    await this.db.insertInto('users').values(user).execute();
    return user;
  }
}

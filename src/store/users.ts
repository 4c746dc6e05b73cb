/**
 * Accounts: users, their login sessions and personal API tokens (issue 6). Secrets never reach this table in
 * clear: passwords arrive as argon2id hashes, session ids and API tokens as SHA-256 digests (`auth/secrets.ts`),
 * so a copy of the database opens no session and no script.
 */
import type { Driver, Row } from './driver.js';

export type Role = 'member' | 'contributor' | 'editor' | 'admin';

export interface User {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Session {
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  /** The first characters of the token, shown so its owner can tell tokens apart. */
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewUser {
  username: string;
  role: Role;
  passwordHash: string | null;
  displayName?: string | null;
}

export type UserUpdate = Partial<Pick<User, 'role' | 'disabled' | 'displayName' | 'failedLogins' | 'lockedUntil'>> & {
  passwordHash?: string | null;
  lastLoginAt?: string;
};

/** The accounts part of the store. */
export interface AccountStore {
  addUser(user: NewUser): Promise<User>;
  getUser(idOrName: number | string): Promise<User | null>;
  /** The stored argon2id hash of a user's password, or null when the user has none (or does not exist). */
  passwordHash(userId: number): Promise<string | null>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  updateUser(id: number, update: UserUpdate): Promise<User | null>;

  addSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | null>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  removeSession(idHash: string): Promise<void>;
  /** Ends every session of a user ("log out everywhere"); returns how many there were. */
  removeUserSessions(userId: number): Promise<number>;

  addApiToken(token: Omit<ApiToken, 'id' | 'lastUsedAt' | 'revokedAt'> & { tokenHash: string }): Promise<ApiToken>;
  findApiToken(tokenHash: string): Promise<ApiToken | null>;
  listApiTokens(userId: number): Promise<ApiToken[]>;
  touchApiToken(id: number, at: string): Promise<void>;
  revokeApiToken(id: number, at: string): Promise<boolean>;
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function toUser(row: Row): User {
  return {
    id: Number(row.id),
    username: String(row.username),
    displayName: str(row.display_name),
    role: String(row.role) as Role,
    disabled: Boolean(row.disabled),
    failedLogins: Number(row.failed_logins ?? 0),
    lockedUntil: str(row.locked_until),
    createdAt: String(row.created_at),
    lastLoginAt: str(row.last_login_at),
  };
}

function toSession(row: Row): Session {
  return {
    idHash: String(row.id_hash),
    userId: Number(row.user_id),
    csrfToken: String(row.csrf_token),
    createdAt: String(row.created_at),
    lastSeenAt: String(row.last_seen_at),
    expiresAt: String(row.expires_at),
    ip: str(row.ip),
    userAgent: str(row.user_agent),
  };
}

function toApiToken(row: Row): ApiToken {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    name: String(row.name),
    prefix: String(row.prefix),
    scopes: String(row.scopes).split(' ').filter(Boolean),
    createdAt: String(row.created_at),
    lastUsedAt: str(row.last_used_at),
    expiresAt: str(row.expires_at),
    revokedAt: str(row.revoked_at),
  };
}

const USER_COLUMNS =
  'id, username, display_name, role, disabled, failed_logins, locked_until, created_at, last_login_at';
const UPDATE_COLUMNS: Record<keyof UserUpdate, string> = {
  role: 'role',
  disabled: 'disabled',
  displayName: 'display_name',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
  passwordHash: 'password_hash',
  lastLoginAt: 'last_login_at',
};

/** The accounts store over a driver; both databases share it. */
export function accountStore(db: Driver): AccountStore {
  const getUser = async (idOrName: number | string) => {
    const column = typeof idOrName === 'number' ? 'id' : 'username';
    const [row] = await db.all(`SELECT ${USER_COLUMNS} FROM users WHERE ${column} = ?`, [idOrName]);
    return row === undefined ? null : toUser(row);
  };
  return {
    async addUser(user) {
      await db.run(
        'INSERT INTO users (username, display_name, role, password_hash, disabled, failed_logins, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
        [user.username, user.displayName ?? null, user.role, user.passwordHash, false, new Date().toISOString()],
      );
      const created = await getUser(user.username);
      if (created === null) throw new Error(`user ${user.username} could not be stored`);
      return created;
    },
    getUser,
    async passwordHash(userId) {
      const [row] = await db.all('SELECT password_hash FROM users WHERE id = ?', [userId]);
      return str(row?.password_hash);
    },
    async listUsers() {
      return (await db.all(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)).map(toUser);
    },
    async countUsers() {
      return Number((await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM users'))[0]?.n ?? 0);
    },
    async updateUser(id, update) {
      const entries = Object.entries(update).filter(([key, value]) => key in UPDATE_COLUMNS && value !== undefined);
      if (entries.length > 0) {
        const sets = entries.map(([key]) => `${UPDATE_COLUMNS[key as keyof UserUpdate]} = ?`).join(', ');
        await db.run(`UPDATE users SET ${sets} WHERE id = ?`, [...entries.map(([, value]) => value), id]);
      }
      return getUser(id);
    },

    async addSession(session) {
      await db.run(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          session.idHash,
          session.userId,
          session.csrfToken,
          session.createdAt,
          session.lastSeenAt,
          session.expiresAt,
          session.ip,
          session.userAgent,
        ],
      );
    },
    async getSession(idHash) {
      const [row] = await db.all('SELECT * FROM sessions WHERE id_hash = ?', [idHash]);
      return row === undefined ? null : toSession(row);
    },
    async touchSession(idHash, lastSeenAt) {
      await db.run('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?', [lastSeenAt, idHash]);
    },
    async removeSession(idHash) {
      await db.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
    },
    removeUserSessions(userId) {
      return db.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    },

    async addApiToken(token) {
      const [row] = await db.all(
        `INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          token.userId,
          token.name,
          token.tokenHash,
          token.prefix,
          token.scopes.join(' '),
          token.createdAt,
          token.expiresAt,
        ],
      );
      if (row === undefined) throw new Error('API token: insert returned no row');
      return toApiToken(row);
    },
    async findApiToken(tokenHash) {
      const [row] = await db.all('SELECT * FROM api_tokens WHERE token_hash = ?', [tokenHash]);
      return row === undefined ? null : toApiToken(row);
    },
    async listApiTokens(userId) {
      return (await db.all('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id', [userId])).map(toApiToken);
    },
    async touchApiToken(id, at) {
      await db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [at, id]);
    },
    async revokeApiToken(id, at) {
      return (await db.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) > 0;
    },
  };
}

/**
 * Account management shared by the CLI (`dyadwatch users`) and the admin API: the checks live here once, so
 * both refuse the same things with the same messages. Errors are `AccountError` values a user can act on.
 */
import type { Store } from '../store/store.js';
import type { Role, User } from '../store/users.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { isRole } from './roles.js';

export class AccountError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** What a user looks like to others: no hashes, no counters. */
export function publicUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    locked: user.lockedUntil !== null && user.lockedUntil > new Date().toISOString(),
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt,
  };
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new AccountError(400, `role "${role}": use member, contributor, editor or admin`);
  return role;
}

export async function addUser(
  store: Store,
  input: { username: string; role: string; password: string; displayName?: string | null },
): Promise<User> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new AccountError(400, `username "${input.username}": 2-40 of a-z, 0-9, dot, dash, underscore`);
  }
  const role = checkRole(input.role);
  const problem = passwordProblem(input.password);
  if (problem !== null) throw new AccountError(400, problem);
  if (await store.accounts.getUser(username)) throw new AccountError(409, `user ${username} already exists`);
  return store.accounts.addUser({
    username,
    role,
    passwordHash: await hashPassword(input.password),
    displayName: input.displayName?.trim() || null,
  });
}

async function findUser(store: Store, idOrName: number | string): Promise<User> {
  const user = await store.accounts.getUser(typeof idOrName === 'string' ? idOrName.toLowerCase() : idOrName);
  if (user === null) throw new AccountError(404, `no user ${idOrName}`);
  return user;
}

/** Refuses to leave the club without an active admin. */
async function keepAnAdmin(store: Store, user: User, change: string): Promise<void> {
  if (user.role !== 'admin' || user.disabled) return;
  const admins = (await store.accounts.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
  if (admins.length <= 1) throw new AccountError(409, `${user.username} is the last active admin: cannot ${change}`);
}

export interface UserChange {
  role?: string;
  disabled?: boolean;
  displayName?: string | null;
  password?: string;
  /** Clears a lockout after failed logins. */
  unlock?: boolean;
}

/**
 * Changes a user. A new role, a disabled account or a new password ends the user's sessions, so the change
 * takes effect at once rather than at the next login.
 */
export async function changeUser(store: Store, idOrName: number | string, change: UserChange): Promise<User> {
  const user = await findUser(store, idOrName);
  const role = change.role === undefined ? undefined : checkRole(change.role);
  if ((role !== undefined && role !== 'admin') || change.disabled === true) {
    await keepAnAdmin(store, user, role !== undefined ? `become ${role}` : 'be disabled');
  }
  let passwordHash: string | undefined;
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password);
    if (problem !== null) throw new AccountError(400, problem);
    passwordHash = await hashPassword(change.password);
  }
  const updated = await store.accounts.updateUser(user.id, {
    ...(role !== undefined ? { role } : {}),
    ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
    ...(change.displayName !== undefined ? { displayName: change.displayName?.trim() || null } : {}),
    ...(passwordHash !== undefined ? { passwordHash } : {}),
    ...(change.unlock || change.disabled === false ? { failedLogins: 0, lockedUntil: null } : {}),
  });
  if ((role !== undefined && role !== user.role) || change.disabled === true || passwordHash !== undefined) {
    await store.accounts.removeUserSessions(user.id);
  }
  return updated as User;
}

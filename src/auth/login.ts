/**
 * Password login and sessions. A login first asks the throttle (so the tenth wrong password in a minute is
 * refused unchecked), then the lockout, then the password; every failure counts towards both. A successful
 * login always opens a new session with a new id and CSRF token, whatever session the request came with, so a
 * session id planted before login (session fixation) is never promoted.
 */
import type { Store } from '../store/store.js';
import type { User } from '../store/users.js';
import { LOCKOUT_AFTER, LOCKOUT_MS, type LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import { SESSION_LIFETIME_MS } from './principal.js';
import { randomSecret, sha256 } from './secrets.js';

export class LoginError extends Error {
  constructor(
    readonly status: 401 | 423 | 429,
    message: string,
    /** Seconds to wait, for 429 and 423. */
    readonly retryAfter = 0,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

export interface LoginAttempt {
  username: string;
  password: string;
  address: string;
}

/** The user the credentials name, or a LoginError (401 wrong, 423 locked, 429 throttled). */
export async function checkLogin(store: Store, throttle: LoginThrottle, attempt: LoginAttempt): Promise<User> {
  const username = attempt.username.trim().toLowerCase();
  const wait = throttle.retryAfter(username, attempt.address);
  if (wait > 0) throw new LoginError(429, `too many failed logins: try again in ${wait} s`, wait);
  const user = await store.accounts.getUser(username);
  const now = Date.now();
  if (user?.lockedUntil && Date.parse(user.lockedUntil) > now) {
    throttle.fail(username, attempt.address);
    const seconds = Math.ceil((Date.parse(user.lockedUntil) - now) / 1000);
    throw new LoginError(423, `the account is locked after repeated failed logins; try again in ${seconds} s`, seconds);
  }
  const usable = user !== null && !user.disabled;
  const ok = await verifyPassword(usable ? await store.accounts.passwordHash(user.id) : null, attempt.password);
  if (!ok || !usable) {
    throttle.fail(username, attempt.address);
    if (user !== null) {
      const failed = user.failedLogins + 1;
      await store.accounts.updateUser(user.id, {
        failedLogins: failed,
        ...(failed >= LOCKOUT_AFTER ? { lockedUntil: new Date(now + LOCKOUT_MS).toISOString() } : {}),
      });
    }
    throw new LoginError(401, 'wrong username or password');
  }
  throttle.succeed(username);
  return (await store.accounts.updateUser(user.id, {
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: new Date(now).toISOString(),
  })) as User;
}

/** Opens a session; the id goes in the cookie and only its digest in the database. */
export async function openSession(
  store: Store,
  user: User,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ sessionId: string; csrfToken: string }> {
  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  const now = new Date();
  await store.accounts.addSession({
    idHash: sha256(sessionId),
    userId: user.id,
    csrfToken,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { sessionId, csrfToken };
}

/** A new personal API token: the secret is shown once; the store keeps its digest. */
export async function issueApiToken(
  store: Store,
  user: User,
  request: { name: string; scopes: string[]; expiresInDays?: number | null },
): Promise<{ secret: string; token: Awaited<ReturnType<Store['accounts']['addApiToken']>> }> {
  const secret = randomSecret('dw_');
  const now = new Date();
  const token = await store.accounts.addApiToken({
    userId: user.id,
    name: request.name,
    tokenHash: sha256(secret),
    prefix: secret.slice(0, 10),
    scopes: [...new Set(request.scopes)].sort(),
    createdAt: now.toISOString(),
    expiresAt: request.expiresInDays
      ? new Date(now.getTime() + request.expiresInDays * 86_400_000).toISOString()
      : null,
  });
  return { secret, token };
}

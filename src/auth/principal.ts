/**
 * Who is asking: a principal resolved from the request's credentials, in this order: a bearer token (the
 * bootstrap `DYADWATCH_API_TOKEN`, else a personal API token), a session cookie, and, only while no token is
 * configured and no account exists yet, a client on the loopback interface (the first-run operator).
 * Everyone else is an anonymous reader.
 */
import type { Store } from '../store/store.js';
import type { ApiToken, Session, User } from '../store/users.js';
import { type AnyRole, atLeast, PERMISSIONS, type Permission } from './roles.js';
import { sameSecret, sha256 } from './secrets.js';

export type Via = 'none' | 'session' | 'token' | 'bootstrap' | 'loopback';

export interface Principal {
  /** Username, or `anonymous`, `bootstrap-token`, `local-operator`. */
  name: string;
  role: AnyRole;
  via: Via;
  user: User | null;
  session: Session | null;
  token: ApiToken | null;
}

export const ANONYMOUS: Principal = Object.freeze({
  name: 'anonymous',
  role: 'reader',
  via: 'none',
  user: null,
  session: null,
  token: null,
});

/** Sessions end 14 days after login, or after 3 days unused. */
export const SESSION_LIFETIME_MS = 14 * 86_400_000;
export const SESSION_IDLE_MS = 3 * 86_400_000;

export interface Credentials {
  bearer: string | null;
  sessionId: string | null;
  /** The client's address as the socket sees it. */
  address: string;
}

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopback(address: string): boolean {
  return LOOPBACK.test(address);
}

async function tokenPrincipal(store: Store, bearer: string): Promise<Principal> {
  const token = await store.accounts.findApiToken(sha256(bearer));
  const now = new Date().toISOString();
  if (token === null || token.revokedAt !== null) throw new AuthError(401, 'the bearer token is unknown or revoked');
  if (token.expiresAt !== null && token.expiresAt <= now) throw new AuthError(401, 'the bearer token has expired');
  const user = await store.accounts.getUser(token.userId);
  if (user === null || user.disabled) throw new AuthError(401, 'the bearer token belongs to a disabled account');
  if (token.lastUsedAt === null || Date.parse(now) - Date.parse(token.lastUsedAt) > 60_000)
    await store.accounts.touchApiToken(token.id, now);
  return { name: user.username, role: user.role, via: 'token', user, session: null, token };
}

/** The session a cookie names, if it is live; stale ones are removed on sight. */
export async function liveSession(store: Store, sessionId: string): Promise<{ session: Session; user: User } | null> {
  const session = await store.accounts.getSession(sha256(sessionId));
  if (session === null) return null;
  const now = Date.now();
  if (Date.parse(session.expiresAt) <= now || Date.parse(session.lastSeenAt) + SESSION_IDLE_MS <= now) {
    await store.accounts.removeSession(session.idHash);
    return null;
  }
  const user = await store.accounts.getUser(session.userId);
  if (user === null || user.disabled) return null;
  if (now - Date.parse(session.lastSeenAt) > 5 * 60_000)
    await store.accounts.touchSession(session.idHash, new Date(now).toISOString());
  return { session, user };
}

/** Resolves the principal; a bearer token that does not check out is an error, not a silent downgrade. */
export async function resolvePrincipal(
  store: Store,
  credentials: Credentials,
  bootstrapToken: string | null,
): Promise<Principal> {
  const { bearer, sessionId, address } = credentials;
  if (bearer !== null) {
    if (bootstrapToken !== null && sameSecret(bearer, bootstrapToken)) {
      return { ...ANONYMOUS, name: 'bootstrap-token', role: 'admin', via: 'bootstrap' };
    }
    if (bearer.startsWith('dw_')) return tokenPrincipal(store, bearer);
    throw new AuthError(
      401,
      bootstrapToken === null
        ? 'the bearer token is not a dyadwatch API token'
        : 'the bearer token is neither DYADWATCH_API_TOKEN nor a personal API token',
    );
  }
  if (sessionId !== null) {
    const live = await liveSession(store, sessionId);
    if (live !== null) {
      return { name: live.user.username, role: live.user.role, via: 'session', ...live, token: null };
    }
  }
  if (bootstrapToken === null && isLoopback(address) && (await store.accounts.countUsers()) === 0) {
    return { ...ANONYMOUS, name: 'local-operator', role: 'admin', via: 'loopback' };
  }
  return ANONYMOUS;
}

/** Why `principal` may not do `permission`, or null when it may. */
export function refusal(principal: Principal, permission: Permission): string | null {
  const rule = PERMISSIONS[permission];
  if (!atLeast(principal.role, rule.role)) {
    return principal.via === 'none'
      ? `sign in (or send "Authorization: Bearer <token>"): this needs the ${rule.role} role`
      : `${principal.name} is ${principal.role}; this needs the ${rule.role} role`;
  }
  if (principal.via === 'token') {
    const scopes = principal.token?.scopes ?? [];
    if (rule.scope === null) return 'API tokens cannot do this: sign in';
    if (!scopes.includes(rule.scope)) return `this API token lacks the "${rule.scope}" scope`;
  }
  return null;
}

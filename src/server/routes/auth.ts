/**
 * `/api/auth/*` and `/api/tokens`: password login and logout (here or everywhere), who am I (with the CSRF
 * token the dashboard echoes), changing one's password, and personal API tokens (shown once, stored hashed,
 * scoped, revocable).
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AccountError, changeUser, publicUser } from '../../auth/accounts.js';
import { checkLogin, issueApiToken, LoginError, openSession } from '../../auth/login.js';
import { verifyPassword } from '../../auth/passwords.js';
import { ANONYMOUS, type Principal } from '../../auth/principal.js';
import { atLeast, PERMISSIONS, type Permission, SCOPES } from '../../auth/roles.js';
import type { User } from '../../store/users.js';
import { clientAddress, requirePermission } from '../auth.js';
import type { AppEnv, ServerContext } from '../context.js';
import { HttpError, notFound } from '../http-error.js';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.js';
import { parseJsonBody, parseParam } from '../validate.js';

export const loginBodySchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export const passwordBodySchema = z.object({ current: z.string().max(1000), password: z.string().max(1000) });
export const tokenBodySchema = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(z.enum(SCOPES)).min(1),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
const tokenIdParam = z.coerce.number().int().positive();

/** Turns the account module's errors into HTTP answers. */
export function rethrowAccount(error: unknown): never {
  if (error instanceof AccountError) throw new HttpError(error.status, error.message);
  throw error;
}

/** The signed-in user, or 403 for principals without an account (the bootstrap token, the local operator). */
export function accountOf(c: Context<AppEnv>): User {
  const user = c.get('principal').user;
  if (user === null) throw new HttpError(403, 'this needs a user account (the bootstrap token and loopback have none)');
  return user;
}

function describe(principal: Principal) {
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
    atLeast(principal.role, PERMISSIONS[p].role),
  );
  return {
    user: principal.user ? publicUser(principal.user) : null,
    name: principal.name,
    role: principal.role,
    via: principal.via,
    permissions,
    csrfToken: principal.session?.csrfToken ?? null,
  };
}

export function registerAuthRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  const { store } = context;

  app.get('/api/auth/me', (c) => {
    c.header('cache-control', 'no-store');
    return c.json(describe(c.get('principal')));
  });

  app.post('/api/auth/login', async (c) => {
    const body = await parseJsonBody(c, loginBodySchema);
    c.set('audit', { target: `user:${body.username.slice(0, 100)}`, actor: body.username.slice(0, 100) });
    let user: User;
    try {
      user = await checkLogin(store, context.throttle, { ...body, address: clientAddress(c) });
    } catch (error) {
      if (!(error instanceof LoginError)) throw error;
      if (error.retryAfter > 0) c.header('retry-after', String(error.retryAfter));
      throw new HttpError(error.status, error.message);
    }
    // Whatever session the browser came with is dropped: the login opens a fresh one (no session fixation).
    const previous = c.get('principal').session;
    if (previous !== null) await store.accounts.removeSession(previous.idHash);
    const { sessionId, csrfToken } = await openSession(store, user, {
      ip: clientAddress(c),
      userAgent: c.req.header('user-agent') ?? null,
    });
    setSessionCookie(c, sessionId);
    c.set('audit', { target: `user:${user.username}`, actor: user.username, userId: user.id });
    c.header('cache-control', 'no-store');
    return c.json({ user: publicUser(user), csrfToken });
  });

  app.post('/api/auth/logout', async (c) => {
    const session = c.get('principal').session;
    if (session !== null) await store.accounts.removeSession(session.idHash);
    clearSessionCookie(c);
    return c.json(describe(ANONYMOUS));
  });

  app.post('/api/auth/logout-all', requirePermission('account'), async (c) => {
    const user = accountOf(c);
    const ended = await store.accounts.removeUserSessions(user.id);
    clearSessionCookie(c);
    c.set('audit', { target: `user:${user.username}`, detail: { sessions: ended } });
    return c.json({ sessionsEnded: ended });
  });

  app.post('/api/auth/password', requirePermission('account'), async (c) => {
    const user = accountOf(c);
    const body = await parseJsonBody(c, passwordBodySchema);
    if (!(await verifyPassword(await store.accounts.passwordHash(user.id), body.current))) {
      throw new HttpError(403, 'the current password is wrong');
    }
    const updated = await changeUser(store, user.id, { password: body.password }).catch(rethrowAccount);
    const { sessionId, csrfToken } = await openSession(store, updated, {
      ip: clientAddress(c),
      userAgent: c.req.header('user-agent') ?? null,
    });
    setSessionCookie(c, sessionId);
    c.set('audit', { target: `user:${user.username}` });
    return c.json({ user: publicUser(updated), csrfToken });
  });

  app.get('/api/tokens', requirePermission('account'), async (c) => {
    return c.json({ items: await store.accounts.listApiTokens(accountOf(c).id) });
  });

  app.post('/api/tokens', requirePermission('account'), async (c) => {
    const user = accountOf(c);
    const body = await parseJsonBody(c, tokenBodySchema);
    const { secret, token } = await issueApiToken(store, user, body);
    c.set('audit', { target: `token:${token.id}`, detail: { name: token.name, scopes: token.scopes } });
    return c.json({ token: secret, ...token }, 201);
  });

  app.delete('/api/tokens/:id', requirePermission('account'), async (c) => {
    const principal = c.get('principal');
    const id = parseParam('token id', c.req.param('id'), tokenIdParam);
    const user = accountOf(c);
    const owned = (await store.accounts.listApiTokens(user.id)).some((t) => t.id === id);
    if (!owned && principal.role !== 'admin') throw notFound(`no token ${id} of yours`);
    if (!(await store.accounts.revokeApiToken(id, new Date().toISOString()))) throw notFound(`no live token ${id}`);
    c.set('audit', { target: `token:${id}` });
    return c.body(null, 204);
  });
}

/**
 * The request side of `src/auth/`: who is asking (`authenticate`), whether they may (`requirePermission`), that
 * a state-changing request really comes from our own pages (`csrfGuard`), and a line in the audit log for every
 * write (`auditWrites`). Reading stays open to anonymous readers; see docs/security.md for the whole model.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ANONYMOUS, AuthError, refusal, resolvePrincipal } from '../auth/principal.js';
import type { Permission } from '../auth/roles.js';
import { sameSecret } from '../auth/secrets.js';
import type { AppEnv, ServerContext } from './context.js';
import { HttpError } from './http-error.js';
import { isHttps, SECURE_COOKIE, SESSION_COOKIES } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The client's address as the socket sees it (a proxy's own address behind one). */
export function clientAddress(c: Context<AppEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? '';
}

/** Sets `principal` for every request; a bearer token that does not check out answers 401 at once. */
export function authenticate(context: Pick<ServerContext, 'store' | 'apiToken'>): MiddlewareHandler<AppEnv> {
  return async function whoIsAsking(c, next) {
    const header = c.req.header('authorization');
    const bearer = header === undefined ? null : (/^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '');
    // Over HTTPS only the `__Host-` cookie counts: a plain one could have been planted by a sibling subdomain.
    const names = isHttps(c) ? [SECURE_COOKIE] : SESSION_COOKIES;
    const sessionId = names.map((name) => getCookie(c, name)).find((value) => value) ?? null;
    try {
      c.set(
        'principal',
        await resolvePrincipal(context.store, { bearer, sessionId, address: clientAddress(c) }, context.apiToken),
      );
    } catch (error) {
      c.set('principal', ANONYMOUS);
      if (error instanceof AuthError) throw new HttpError(error.status, error.message);
      throw error;
    }
    return next();
  };
}

/** Lets the request through when its principal has `permission`: 401 for anonymous readers, 403 for the rest. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async function permitted(c, next) {
    const principal = c.get('principal') ?? ANONYMOUS;
    const reason = refusal(principal, permission);
    if (reason !== null) {
      if (principal.via === 'none') {
        throw new HttpError(
          401,
          `${reason}; scripts send "Authorization: Bearer <token>" (a personal API token, or DYADWATCH_API_TOKEN)`,
        );
      }
      throw new HttpError(403, reason);
    }
    return next();
  };
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Cross-site request forgery protection for every state-changing request that is not authenticated by a bearer
 * header (a browser never adds one on its own): the browser must say the request is same-origin
 * (`Sec-Fetch-Site`), the `Origin`, when sent, must be ours, and a signed-in session must echo its CSRF token in
 * `X-CSRF-Token` (the synchronizer token from `/api/auth/me`; another site can neither read it nor set the header
 * without a CORS preflight we never answer).
 */
export function csrfGuard(context: Pick<ServerContext, 'trustedOrigins'>): MiddlewareHandler<AppEnv> {
  return async function sameOriginOnly(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const principal = c.get('principal') ?? ANONYMOUS;
    if (principal.via === 'token' || principal.via === 'bootstrap') return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new HttpError(403, `cross-site request refused (Sec-Fetch-Site: ${site})`);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const host = originHost(origin);
      const own = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
      const trusted = host !== null && (host === own || context.trustedOrigins.some((t) => originHost(t) === host));
      if (!trusted) throw new HttpError(403, `cross-site request refused (Origin: ${origin.slice(0, 100)})`);
    }
    // A login authenticates afresh (and replaces the session), so it needs no token of the session it replaces.
    if (principal.via === 'session' && c.req.path !== '/api/auth/login') {
      const sent = c.req.header('x-csrf-token') ?? '';
      if (!sameSecret(sent, principal.session?.csrfToken ?? '')) {
        throw new HttpError(403, 'missing or wrong X-CSRF-Token header (reload the page)');
      }
    }
    return next();
  };
}

/** Requests that write nothing although they are POSTs, left out of the audit log. */
const NOT_WRITES = new Set(['/api/analyse']);

/** Records every state-changing request, allowed or refused, with who, what, when and from where. */
export function auditWrites(context: Pick<ServerContext, 'store' | 'logger'>): MiddlewareHandler<AppEnv> {
  return async function audit(c, next) {
    if (SAFE_METHODS.has(c.req.method) || NOT_WRITES.has(c.req.path)) return next();
    try {
      await next();
    } finally {
      const principal = c.get('principal') ?? ANONYMOUS;
      const note = c.get('audit');
      const forwarded = c.req.header('x-forwarded-for');
      await context.store.audit
        .record({
          actor: note?.actor ?? principal.name,
          userId: note?.userId ?? principal.user?.id ?? null,
          role: principal.role,
          via: principal.via,
          action: `${c.req.method} ${c.req.path}`,
          target: note?.target ?? null,
          status: c.res.status,
          ip: forwarded ? `${clientAddress(c)} (forwarded for ${forwarded.slice(0, 100)})` : clientAddress(c),
          userAgent: c.req.header('user-agent') ?? null,
          detail: note?.detail ?? null,
        })
        .catch((error: unknown) => context.logger.error({ err: error }, 'audit log write failed'));
    }
  };
}

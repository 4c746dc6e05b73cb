/**
 * The session cookie: httpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site posts), Path=/,
 * and Secure when the request came over HTTPS, directly or through a proxy that says so in X-Forwarded-Proto.
 * Over HTTPS it is named `__Host-…`, which browsers accept only when Secure, host-only and on Path=/.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_LIFETIME_MS } from '../auth/principal.js';

export const SECURE_COOKIE = '__Host-dyadwatch_session';
export const PLAIN_COOKIE = 'dyadwatch_session';
export const SESSION_COOKIES = [SECURE_COOKIE, PLAIN_COOKIE];

export function isHttps(c: Context): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  );
}

export function setSessionCookie(c: Context, sessionId: string): void {
  const secure = isHttps(c);
  setCookie(c, secure ? SECURE_COOKIE : PLAIN_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SECURE_COOKIE, { path: '/', secure: true });
  deleteCookie(c, PLAIN_COOKIE, { path: '/' });
}

/**
 * Sessions and login: cookie flags (httpOnly, SameSite=Lax, Path=/, Secure and `__Host-` over HTTPS), no session
 * fixation, CSRF refusal of cross-site posts and of session posts without the token, logout here and
 * everywhere, the login throttle (the tenth wrong password in a minute) and the lockout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT_AFTER, LoginThrottle } from '../../src/auth/login-throttle.js';
import { login, PASSWORD, securityApp, sessionCookieOf } from './security-helpers.js';

describe('sessions, CSRF and login throttling', () => {
  let env: Awaited<ReturnType<typeof securityApp>>;
  beforeAll(async () => {
    env = await securityApp();
  });
  afterAll(() => env?.close());

  const me = async (cookie: string) =>
    (await (await env.app.request('/api/auth/me', { headers: { cookie } })).json()) as {
      role: string;
      name: string;
      csrfToken: string | null;
    };

  it('sets an httpOnly, SameSite=Lax, Path=/ cookie, Secure and __Host- prefixed over HTTPS', async () => {
    const plain = await login(env.app, 'member');
    const flags = plain.headers.get('set-cookie') ?? '';
    expect(flags).toMatch(/^dyadwatch_session=[\w-]{40,};/);
    expect(flags).toMatch(/HttpOnly/);
    expect(flags).toMatch(/SameSite=Lax/);
    expect(flags).toMatch(/Path=\//);
    expect(flags).not.toMatch(/Secure/);
    const secure = await env.app.request('https://club.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'member', password: PASSWORD }),
    });
    const secureFlags = secure.headers.get('set-cookie') ?? '';
    expect(secureFlags).toMatch(/^__Host-dyadwatch_session=/);
    expect(secureFlags).toMatch(/Secure/);
    expect(secureFlags).toMatch(/HttpOnly/);
    expect(secureFlags).not.toMatch(/Domain=/);
    const proxied = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'member', password: PASSWORD }),
    });
    expect(proxied.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('never adopts a session id the browser brought: login issues a fresh one (no session fixation)', async () => {
    const planted = 'dyadwatch_session=attacker-chosen-session-id-0123456789abcdef';
    expect((await me(planted)).role).toBe('reader');
    const response = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planted },
      body: JSON.stringify({ username: 'editor', password: PASSWORD }),
    });
    const issued = sessionCookieOf(response) as string;
    expect(issued).not.toBe(planted);
    expect((await me(planted)).role).toBe('reader');
    expect((await me(issued)).role).toBe('editor');
    // Logging in again from a signed-in browser rotates the session and ends the old one.
    const again = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: issued },
      body: JSON.stringify({ username: 'editor', password: PASSWORD }),
    });
    const rotated = sessionCookieOf(again) as string;
    expect(rotated).not.toBe(issued);
    expect((await me(issued)).role).toBe('reader');
    expect((await me(rotated)).role).toBe('editor');
    // The database holds only digests of session ids.
    expect(await env.store.accounts.getSession(rotated.split('=')[1] as string)).toBeNull();
  });

  it('refuses a cross-site form post, even with a valid session cookie', async () => {
    const { cookie } = env.sessions.get('admin') as { cookie: string };
    const form = await env.app.request('/api/feeds', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        host: 'localhost',
      },
      body: 'url=https%3A%2F%2Fevil.example%2Ffeed.xml',
    });
    expect(form.status).toBe(403);
    expect(await form.text()).toMatch(/cross-site request refused/);
    // Older browsers send no Sec-Fetch-Site: the Origin alone refuses it.
    const originOnly = await env.app.request('/api/auth/logout-all', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost' },
    });
    expect(originOnly.status).toBe(403);
    // Same origin but without the CSRF token (a form on a compromised sibling page): refused too.
    const noToken = await env.app.request('/api/feeds', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: 'http://localhost', host: 'localhost' },
      body: JSON.stringify({ url: 'https://example.org/a.xml' }),
    });
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toMatch(/X-CSRF-Token/);
    const withToken = await env.app.request('/api/feeds', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...env.as('admin', { origin: 'http://localhost' }) },
      body: JSON.stringify({ url: 'https://example.org/a.xml' }),
    });
    expect(withToken.status).toBe(201);
    expect(await env.store.listFeeds()).toHaveLength(1);
  });

  it('refuses a cross-site login post (login CSRF) and a loopback write from another site', async () => {
    const response = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost' },
      body: JSON.stringify({ username: 'member', password: PASSWORD }),
    });
    expect(response.status).toBe(403);
  });

  it('logs out here, and everywhere', async () => {
    const first = sessionCookieOf(await login(env.app, 'contributor')) as string;
    const second = sessionCookieOf(await login(env.app, 'contributor')) as string;
    const { csrfToken } = await me(first);
    const out = await env.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: first, 'x-csrf-token': csrfToken as string },
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await me(first)).role).toBe('reader');
    expect((await me(second)).role).toBe('contributor');
    const third = sessionCookieOf(await login(env.app, 'contributor')) as string;
    const all = await env.app.request('/api/auth/logout-all', {
      method: 'POST',
      headers: { cookie: third, 'x-csrf-token': (await me(third)).csrfToken as string },
    });
    // The helper's own contributor session, the second and the third.
    expect(await all.json()).toEqual({ sessionsEnded: 3 });
    expect((await me(second)).role).toBe('reader');
    expect((await me(third)).role).toBe('reader');
  });

  it("ends a user's sessions when an admin disables them or changes their role", async () => {
    const cookie = sessionCookieOf(await login(env.app, 'contributor')) as string;
    const user = await env.store.accounts.getUser('contributor');
    const changed = await env.app.request(`/api/users/${user?.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...env.as('admin') },
      body: JSON.stringify({ role: 'member' }),
    });
    expect(changed.status).toBe(200);
    expect((await me(cookie)).role).toBe('reader');
    await env.app.request(`/api/users/${user?.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...env.as('admin') },
      body: JSON.stringify({ role: 'contributor' }),
    });
  });

  it('throttles the tenth wrong password in a minute, even when the tenth is right', async () => {
    const throttled = await securityApp({ throttle: new LoginThrottle() });
    try {
      for (let attempt = 1; attempt <= 9; attempt++) {
        const response = await login(throttled.app, 'member', `wrong password ${attempt}`);
        expect(response.status, `attempt ${attempt}`).toBe(401);
      }
      const tenth = await login(throttled.app, 'member', 'wrong password 10');
      expect(tenth.status).toBe(429);
      expect(Number(tenth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await login(throttled.app, 'member', PASSWORD)).status).toBe(429);
      // Other accounts are not locked out by someone guessing this one.
      expect((await login(throttled.app, 'editor')).status).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it('throttles per minute: after the window the account may try again', async () => {
    let now = 1_000_000;
    const throttled = await securityApp({ throttle: new LoginThrottle({ now: () => now }) });
    try {
      for (let attempt = 1; attempt <= 9; attempt++) await login(throttled.app, 'member', 'nope nope nope');
      expect((await login(throttled.app, 'member')).status).toBe(429);
      now += 61_000;
      expect((await login(throttled.app, 'member')).status).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it(`locks an account after ${LOCKOUT_AFTER} consecutive failures, whatever the throttle`, async () => {
    const locked = await securityApp({ throttle: new LoginThrottle({ perAccount: 1000, perAddress: 1000 }) });
    try {
      for (let attempt = 1; attempt <= LOCKOUT_AFTER; attempt++) {
        expect((await login(locked.app, 'member', 'guess guess guess')).status).toBe(401);
      }
      const right = await login(locked.app, 'member');
      expect(right.status).toBe(423);
      const user = await locked.store.accounts.getUser('member');
      await locked.app.request(`/api/users/${user?.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...locked.as('admin') },
        body: JSON.stringify({ unlock: true }),
      });
      expect((await login(locked.app, 'member')).status).toBe(200);
    } finally {
      await locked.close();
    }
  });

  it('answers a wrong name and a wrong password alike, and refuses disabled accounts', async () => {
    const unknown = await login(env.app, 'nobody-here', 'whatever whatever');
    const wrong = await login(env.app, 'member', 'whatever whatever');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      ((await wrong.json()) as { error: { message: string } }).error.message,
    );
    const user = await env.store.accounts.addUser({ username: 'gone', role: 'member', passwordHash: null });
    await env.store.accounts.updateUser(user.id, { disabled: true });
    expect((await login(env.app, 'gone', 'whatever whatever')).status).toBe(401);
  });

  it('stores passwords as argon2id hashes', async () => {
    const user = await env.store.accounts.getUser('member');
    expect(await env.store.accounts.passwordHash(user?.id as number)).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
  });
});

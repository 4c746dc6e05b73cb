/**
 * A test app with one signed-in account per role: `as(role)` gives the headers (session cookie and CSRF token)
 * a same-origin dashboard request of that role would carry. Anonymous readers send nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser } from '../../src/auth/accounts.js';
import { LoginThrottle } from '../../src/auth/login-throttle.js';
import type { AnyRole } from '../../src/auth/roles.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { testApp } from '../server/api-helpers.js';

export const PASSWORD = 'correct horse battery';
export const ACCOUNT_ROLES = ['member', 'contributor', 'editor', 'admin'] as const;

export interface Session {
  cookie: string;
  csrf: string;
}

/** The `name=value` of the session cookie a response sets, or null. */
export function sessionCookieOf(response: Response): string | null {
  const header = response.headers.get('set-cookie') ?? '';
  return /(?:__Host-)?dyadwatch_session=([^;]+)/.exec(header)?.[0] ?? null;
}

export async function login(app: ReturnType<typeof testApp>['app'], username: string, password = PASSWORD) {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', host: 'localhost' },
    body: JSON.stringify({ username, password }),
  });
  return response;
}

/** An app with one account per role, over a fresh SQLite file unless `open` gives another store. */
export async function securityApp(options: Parameters<typeof testApp>[1] = {}, open?: () => Promise<Store>) {
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-security-'));
  const store: Store = open ? await open() : await openSqliteStore(join(dir, 'security.db'));
  const built = testApp(store, { throttle: new LoginThrottle(), ...options });
  const sessions = new Map<AnyRole, Session>();
  for (const role of ACCOUNT_ROLES) {
    await addUser(store, { username: role, role, password: PASSWORD, displayName: `The ${role}` });
    const response = await login(built.app, role);
    if (response.status !== 200) throw new Error(`login as ${role}: ${response.status} ${await response.text()}`);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    sessions.set(role, { cookie: sessionCookieOf(response) as string, csrf: csrfToken });
  }
  /** Headers of a same-origin request as `role` (nothing for readers). */
  const as = (role: AnyRole, extra: Record<string, string> = {}): Record<string, string> => {
    const session = sessions.get(role);
    const base: Record<string, string> = { host: 'localhost', ...extra };
    return session ? { ...base, cookie: session.cookie, 'x-csrf-token': session.csrf } : base;
  };
  return {
    ...built,
    store,
    sessions,
    as,
    async close() {
      // A store from `open` belongs to its opener (the dialect helper closes it).
      if (!open) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Who is signed in, as `/api/auth/me` says, and the header's account area. The CSRF token from the same answer
 * goes to `api.ts`, which echoes it on every state-changing request.
 */
import { getJson, type Me, sendJson, setCsrfToken } from './api.js';
import { h, replace } from './dom.js';
import { navigate } from './router.js';

let me: Me = { user: null, name: 'anonymous', role: 'reader', via: 'none', permissions: [], csrfToken: null };

export function currentUser(): Me {
  return me;
}

/** Whether the signed-in user holds a permission (`commentary.write`, `admin` …). */
export function can(permission: string): boolean {
  return me.permissions.includes(permission);
}

function renderAccount(): void {
  const area = document.getElementById('account');
  if (!area) return;
  if (me.user === null) {
    replace(area, h('a', { href: '/login' }, 'Sign in'));
    return;
  }
  replace(
    area,
    can('commentary.write') ? h('a', { href: '/commentary' }, 'Commentary') : null,
    can('admin') ? h('a', { href: '/admin' }, 'Admin') : null,
    h('span', { class: 'muted small', title: `signed in as ${me.user.username} (${me.role})` }, me.user.username),
    h(
      'button',
      {
        type: 'button',
        class: 'ghost',
        id: 'sign-out',
        onclick: async () => {
          await sendJson('POST', '/api/auth/logout');
          await loadSession();
          navigate('/');
        },
      },
      'Sign out',
    ),
  );
}

export async function loadSession(): Promise<Me> {
  try {
    me = await getJson<Me>('/api/auth/me');
  } catch {
    me = { user: null, name: 'anonymous', role: 'reader', via: 'none', permissions: [], csrfToken: null };
  }
  setCsrfToken(me.csrfToken);
  renderAccount();
  return me;
}

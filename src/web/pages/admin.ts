/** The admin page: accounts (add, change role, disable, unlock) and the newest lines of the audit log. */
import { getJson, type Page, sendJson } from '../api.js';
import { errorNote, section } from '../components.js';
import { h, replace } from '../dom.js';
import { can } from '../session.js';

interface UserRow {
  id: number;
  username: string;
  displayName: string | null;
  role: string;
  disabled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
}

interface AuditRow {
  at: string;
  actor: string;
  role: string;
  via: string;
  action: string;
  target: string | null;
  status: number | null;
  ip: string | null;
}

const ROLES = ['member', 'contributor', 'editor', 'admin'];

export async function renderAdmin(main: HTMLElement, _params: string[], signal: AbortSignal): Promise<void> {
  main.append(h('div', { class: 'page-head' }, h('p', { class: 'eyebrow' }, 'Club'), h('h1', null, 'Admin')));
  if (!can('admin')) {
    main.append(errorNote('Admins only: sign in with an admin account.'));
    return;
  }
  const users = h('div', { id: 'admin-users' });
  const audit = h('div', { id: 'admin-audit' });
  const status = h('div', { role: 'status', 'aria-live': 'polite' });

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      replace(status);
      await load();
    } catch (error) {
      replace(status, errorNote(error));
    }
  };

  const userRow = (user: UserRow) =>
    h(
      'tr',
      null,
      h(
        'td',
        null,
        user.username,
        user.displayName ? h('span', { class: 'muted small' }, ` ${user.displayName}`) : null,
      ),
      h(
        'td',
        null,
        h(
          'select',
          {
            'aria-label': `Role of ${user.username}`,
            onchange: (event: Event) =>
              act(() =>
                sendJson('PATCH', `/api/users/${user.id}`, { role: (event.target as HTMLSelectElement).value }),
              ),
          },
          ROLES.map((role) => h('option', { value: role, selected: role === user.role }, role)),
        ),
      ),
      h('td', null, user.disabled ? 'disabled' : user.locked ? 'locked' : 'active'),
      h('td', { class: 'nowrap' }, user.lastLoginAt?.slice(0, 16).replace('T', ' ') ?? 'never'),
      h(
        'td',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'ghost',
            onclick: () => act(() => sendJson('PATCH', `/api/users/${user.id}`, { disabled: !user.disabled })),
          },
          user.disabled ? 'Enable' : 'Disable',
        ),
        user.locked
          ? h(
              'button',
              {
                type: 'button',
                class: 'ghost',
                onclick: () => act(() => sendJson('PATCH', `/api/users/${user.id}`, { unlock: true })),
              },
              'Unlock',
            )
          : null,
      ),
    );

  const load = async () => {
    const [list, log] = await Promise.all([
      getJson<{ items: UserRow[] }>('/api/users', signal),
      getJson<Page<AuditRow>>('/api/audit?limit=50', signal),
    ]);
    replace(
      users,
      h(
        'table',
        { class: 'events' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['User', 'Role', 'State', 'Last login', ''].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h('tbody', null, list.items.map(userRow)),
      ),
    );
    replace(
      audit,
      h(
        'table',
        { class: 'events' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['When', 'Who', 'What', 'Target', 'Status', 'From'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          null,
          log.items.map((entry) =>
            h(
              'tr',
              null,
              h('td', { class: 'nowrap' }, entry.at.slice(0, 19).replace('T', ' ')),
              h('td', null, `${entry.actor} (${entry.role}, ${entry.via})`),
              h('td', null, h('code', null, entry.action)),
              h('td', null, entry.target ?? ''),
              h('td', null, String(entry.status ?? '')),
              h('td', null, entry.ip ?? ''),
            ),
          ),
        ),
      ),
    );
  };

  const form = h(
    'form',
    { class: 'account-form', id: 'add-user' },
    h('label', null, 'Username ', h('input', { name: 'username', required: true, autocomplete: 'off' })),
    h('label', null, 'Name ', h('input', { name: 'displayName', autocomplete: 'off' })),
    h(
      'label',
      null,
      'Role ',
      h(
        'select',
        { name: 'role' },
        ROLES.map((role) => h('option', { value: role }, role)),
      ),
    ),
    h(
      'label',
      null,
      'Password ',
      h('input', { name: 'password', type: 'password', autocomplete: 'new-password', minlength: 10, required: true }),
    ),
    h('button', { type: 'submit' }, 'Add account'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    void act(async () => {
      await sendJson('POST', '/api/users', {
        username: data.username,
        role: data.role,
        password: data.password,
        ...(data.displayName ? { displayName: data.displayName } : {}),
      });
      form.reset();
    });
  });

  main.append(section('Accounts', status, users, form), section('Audit log', audit));
  await load();
}

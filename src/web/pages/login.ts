/** The sign-in page: username and password; the server throttles and locks out repeated failures. */
import { ApiError, postJson } from '../api.js';
import { errorNote } from '../components.js';
import { h, replace } from '../dom.js';
import { navigate } from '../router.js';
import { loadSession } from '../session.js';

export function renderLogin(main: HTMLElement): void {
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'account-form', id: 'login-form' },
    h('label', null, 'Username ', h('input', { name: 'username', autocomplete: 'username', required: true })),
    h(
      'label',
      null,
      'Password ',
      h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    ),
    h('button', { type: 'submit' }, 'Sign in'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await postJson('/api/auth/login', { username: data.get('username'), password: data.get('password') });
      await loadSession();
      navigate('/commentary');
    } catch (error) {
      replace(status, errorNote(error instanceof ApiError ? error.message : error));
    }
  });
  main.append(
    h('div', { class: 'page-head' }, h('p', { class: 'eyebrow' }, 'Members'), h('h1', null, 'Sign in')),
    h('section', { class: 'card' }, form),
  );
}

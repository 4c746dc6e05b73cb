/**
 * The dashboard: a small client-side router over the pages, the header's search, theme switch and live-stream
 * state. Every page is a function that fills `<main>` and stops its work when its AbortSignal fires.
 */
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { errorNote } from './components.js';
import { connectLive } from './live-connection.js';
import { renderActor } from './pages/actor.js';
import { renderAdmin } from './pages/admin.js';
import { renderAnalyse } from './pages/analyse.js';
import { renderCommentaryHome, renderCommentaryPiece } from './pages/commentary.js';
import { renderDocument } from './pages/document.js';
import { renderDyad } from './pages/dyad.js';
import { renderLive } from './pages/live.js';
import { renderLogin } from './pages/login.js';
import { renderSearch } from './pages/search.js';
import { navigate } from './router.js';
import { loadSession } from './session.js';

export type Page = (main: HTMLElement, params: string[], signal: AbortSignal) => Promise<void> | void;

const ROUTES: [RegExp, Page, string][] = [
  [/^\/$/, renderLive, 'Live'],
  [/^\/dyad\/([^/]+)$/, renderDyad, 'Dyad'],
  [/^\/doc\/([^/]+)$/, renderDocument, 'Document'],
  [/^\/actor\/([^/]+)$/, renderActor, 'Actor'],
  [/^\/search$/, renderSearch, 'Search'],
  [/^\/analyse$/, renderAnalyse, 'Analyse'],
  [/^\/login$/, renderLogin, 'Sign in'],
  [/^\/admin$/, renderAdmin, 'Admin'],
  [/^\/commentary$/, renderCommentaryHome, 'Commentary'],
  [/^\/commentary\/(\d+)$/, renderCommentaryPiece, 'Commentary'],
];

let current: AbortController | null = null;

async function route(focus: boolean): Promise<void> {
  const main = document.getElementById('main') as HTMLElement;
  current?.abort();
  current = new AbortController();
  const path = window.location.pathname;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    if (link.pathname === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const match = ROUTES.find(([pattern]) => pattern.test(path));
  main.replaceChildren();
  if (!match) {
    main.append(errorNote(`No page at ${path}.`));
    return;
  }
  const [pattern, page, title] = match;
  const params = (pattern.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p));
  document.title = `${title}${params[0] ? ` ${params[0].slice(0, 24)}` : ''} · dyadwatch`;
  try {
    await page(main, params, current.signal);
  } catch (error) {
    if (!current.signal.aborted) main.append(errorNote(error));
  }
  if (focus) main.focus({ preventScroll: true });
}

window.addEventListener('routechange', () => void route(true));

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  if (link.target || link.hasAttribute('download') || link.origin !== window.location.origin) return;
  if (link.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});
window.addEventListener('popstate', () => void route(true));

const searchForm = document.querySelector<HTMLFormElement>('form.search');
const searchInput = document.getElementById('global-search') as HTMLInputElement;
searchForm?.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = searchInput.value.trim();
  if (q.length >= 2) navigate(`/search?q=${encodeURIComponent(q)}`);
});
document.addEventListener('keydown', (event) => {
  const typing = (event.target as HTMLElement).closest('input, textarea, select, [contenteditable]');
  if (event.key === '/' && !typing) {
    event.preventDefault();
    searchInput.focus();
  }
});

const THEME_KEY = 'dyadwatch-theme';
function applyTheme(theme: string | null): void {
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
}
applyTheme(localStorage.getItem(THEME_KEY));
document.getElementById('theme')?.addEventListener('click', () => {
  const dark =
    document.documentElement.dataset.theme === 'dark' ||
    (!document.documentElement.dataset.theme && window.matchMedia('(prefers-color-scheme: dark)').matches);
  const next = dark ? 'light' : 'dark';
  localStorage.setItem(THEME_KEY, next);
  applyTheme(next);
  window.dispatchEvent(new Event('themechange'));
});

connectLive();
void loadSession().then(() => route(false));

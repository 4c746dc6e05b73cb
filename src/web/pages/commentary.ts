/**
 * Commentary pages. `/commentary/:id` shows one piece (author, role, date, the personal-views notice unless
 * official) with the actions its viewer may take; `/commentary` lists one's own pieces and, for editors, the
 * review queue, with the form to write a new piece. Markdown arrives as sanitised HTML and is rebuilt through
 * `safe-html.ts`; titles and names are always text.
 */
import { type CommentaryPiece, getJson, sendJson } from '../api.js';
import { dyadLink, errorNote, section } from '../components.js';
import { encode, h, replace } from '../dom.js';
import { navigate } from '../router.js';
import { safeHtml } from '../safe-html.js';
import { can, currentUser } from '../session.js';

/** One piece as an article; `compact` for the dyad page's column. */
export function commentaryArticle(piece: CommentaryPiece, options: { compact?: boolean } = {}): HTMLElement {
  const author = piece.author.displayName
    ? `${piece.author.displayName} (${piece.author.username})`
    : piece.author.username;
  const body = h('div', { class: 'commentary-body' });
  body.append(safeHtml(piece.html));
  return h(
    'article',
    { class: `commentary${piece.official ? ' official' : ''}`, 'data-id': piece.id },
    h(
      options.compact ? 'h3' : 'h2',
      null,
      options.compact ? h('a', { href: `/commentary/${piece.id}` }, piece.title) : piece.title,
    ),
    h(
      'p',
      { class: 'byline muted small' },
      h('span', { class: 'author' }, author),
      ' · ',
      h('span', { class: 'role' }, piece.author.role),
      ' · ',
      h('time', { datetime: piece.written }, piece.written),
      piece.official ? h('span', { class: 'tag official-tag' }, "club's official position") : null,
      piece.status !== 'published' ? h('span', { class: 'tag' }, piece.status) : null,
    ),
    body,
    piece.notice ? h('p', { class: 'notice small' }, piece.notice) : null,
    piece.reviewNote ? h('p', { class: 'review-note small' }, `Editor's note: ${piece.reviewNote}`) : null,
    h(
      'p',
      { class: 'muted small' },
      piece.links.dyads.map((dyad) => [dyadLink(dyad), ' ']),
      piece.eventCount > 0 ? `${piece.eventCount} analyst event${piece.eventCount === 1 ? '' : 's'}` : null,
    ),
  );
}

function actions(piece: CommentaryPiece, reload: () => void): HTMLElement {
  const me = currentUser();
  const status = h('span', { role: 'status', 'aria-live': 'polite' });
  const act = (label: string, method: 'POST' | 'DELETE', path: string, body?: () => unknown) =>
    h(
      'button',
      {
        type: 'button',
        class: 'ghost',
        onclick: async () => {
          try {
            const payload = body?.();
            if (payload === null) return;
            await sendJson(method, path, payload);
            if (method === 'DELETE') navigate('/commentary');
            else reload();
          } catch (error) {
            replace(status, errorNote(error));
          }
        },
      },
      label,
    );
  const base = `/api/commentary/${piece.id}`;
  const mine = me.user?.username === piece.author.username;
  const editor = can('commentary.review');
  const reason = (question: string) => () => {
    const text = window.prompt(question)?.trim();
    return text ? { reason: text } : null;
  };
  return h(
    'div',
    { class: 'toolbar' },
    mine && ['draft', 'rejected', 'unpublished'].includes(piece.status)
      ? act('Submit for review', 'POST', `${base}/submit`)
      : null,
    editor && (piece.status === 'submitted' || (mine && piece.status !== 'published'))
      ? [
          act('Publish', 'POST', `${base}/publish`, () => ({})),
          act('Publish as official', 'POST', `${base}/publish`, () => ({ official: true })),
        ]
      : null,
    editor && piece.status === 'submitted'
      ? act('Reject…', 'POST', `${base}/reject`, reason('Why is it rejected?'))
      : null,
    editor && piece.status === 'published'
      ? [
          act('Unpublish', 'POST', `${base}/unpublish`, () => ({})),
          act(piece.official ? 'Unmark official' : 'Mark official', 'POST', `${base}/official`, () => ({
            official: !piece.official,
          })),
        ]
      : null,
    (mine && piece.status !== 'published') || editor ? act('Delete', 'DELETE', base) : null,
    status,
  );
}

export async function renderCommentaryPiece(main: HTMLElement, params: string[], signal: AbortSignal): Promise<void> {
  const load = async () => {
    const piece = await getJson<CommentaryPiece>(`/api/commentary/${encode(params[0] ?? '')}`, signal);
    replace(
      main,
      h('p', { class: 'eyebrow' }, 'Commentary'),
      commentaryArticle(piece),
      actions(piece, () => void load()),
    );
    if (piece.eventCount > 0) {
      main.append(
        h(
          'p',
          { class: 'muted small' },
          'The events this piece asserts appear on the dyad timelines as analyst events: ',
          piece.links.dyads.map((dyad) => [h('a', { href: `/dyad/${encode(dyad)}?origin=analyst` }, dyad), ' ']),
        ),
      );
    }
  };
  await load();
}

function writeForm(): HTMLElement {
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'account-form commentary-form', id: 'write-commentary' },
    h('label', null, 'Title ', h('input', { name: 'title', required: true, maxlength: 200 })),
    h('label', null, 'Dyads ', h('input', { name: 'dyads', required: true, placeholder: 'USA-PRK, RUS-UKR' })),
    h('label', null, 'Date ', h('input', { name: 'written', type: 'date' })),
    h('label', { class: 'wide' }, 'Text (Markdown) ', h('textarea', { name: 'body', rows: 10, required: true })),
    h('button', { type: 'submit' }, 'Save draft'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    try {
      const piece = await sendJson<CommentaryPiece>('POST', '/api/commentary', {
        title: data.title,
        body: data.body,
        dyads: (data.dyads ?? '').split(/[\s,]+/).filter(Boolean),
        ...(data.written ? { written: data.written } : {}),
      });
      navigate(`/commentary/${piece.id}`);
    } catch (error) {
      replace(status, errorNote(error));
    }
  });
  return form;
}

const listOf = (pieces: CommentaryPiece[], empty: string) =>
  pieces.length === 0
    ? h('p', { class: 'muted' }, empty)
    : h(
        'ul',
        { class: 'plain-list' },
        pieces.map((p) =>
          h(
            'li',
            null,
            h('a', { href: `/commentary/${p.id}` }, p.title),
            h('span', { class: 'muted small' }, ` · ${p.status} · ${p.written}`),
          ),
        ),
      );

export async function renderCommentaryHome(main: HTMLElement, _params: string[], signal: AbortSignal): Promise<void> {
  main.append(h('div', { class: 'page-head' }, h('p', { class: 'eyebrow' }, 'Members'), h('h1', null, 'Commentary')));
  if (!can('commentary.write')) {
    const published = await getJson<{ items: CommentaryPiece[] }>('/api/commentary', signal);
    main.append(section('Published', listOf(published.items, 'Nothing published yet.')));
    return;
  }
  const [mine, queue] = await Promise.all([
    getJson<{ items: CommentaryPiece[] }>('/api/commentary?mine=true', signal),
    can('commentary.review') ? getJson<{ items: CommentaryPiece[] }>('/api/commentary?status=submitted', signal) : null,
  ]);
  main.append(
    queue ? section('Waiting for review', listOf(queue.items, 'Nothing to review.')) : '',
    section('Your pieces', listOf(mine.items, 'No pieces yet.')),
    section('Write', writeForm()),
  );
}

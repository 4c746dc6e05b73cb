/**
 * Commentary's life: members and contributors write drafts (private to their author) and submit them; editors
 * publish, reject with a reason, or unpublish, and may mark a published piece as the club's official position.
 * Publishing codes the piece with the real coder and stores the events it asserts as origin `analyst`;
 * unpublishing or deleting removes them. Every refusal is a `CommentaryError` with a status and a message.
 */
import type { Principal } from '../auth/principal.js';
import { atLeast } from '../auth/roles.js';
import type { Coder } from '../coder/types.js';
import type { Commentary, CommentaryInput, CommentaryStatus } from '../store/commentary.js';
import type { Store } from '../store/store.js';
import { markdownText, renderMarkdown } from './markdown.js';

/** Shown under every published piece that an editor has not marked as the club's official position. */
export const PERSONAL_VIEWS_NOTICE =
  "Views expressed are those of individual members and contributors, not the club's, unless explicitly stated otherwise.";

export class CommentaryError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'CommentaryError';
  }
}

const isEditor = (principal: Principal) => atLeast(principal.role, 'editor');
const isAuthor = (principal: Principal, piece: Commentary) => principal.user?.id === piece.authorId;

/** Whether `principal` may see `piece`: published ones everyone; drafts only their author; the rest editors too. */
export function canRead(principal: Principal, piece: Commentary): boolean {
  if (piece.status === 'published') return true;
  if (isAuthor(principal, piece)) return true;
  return piece.status !== 'draft' && isEditor(principal);
}

/** The piece as the API shows it: sanitised HTML, author, role, date and the notice unless official. */
export function present(piece: Commentary) {
  return {
    id: piece.id,
    title: piece.title,
    body: piece.body,
    html: renderMarkdown(piece.body),
    status: piece.status,
    official: piece.official,
    notice: piece.status === 'published' && !piece.official ? PERSONAL_VIEWS_NOTICE : null,
    author: { username: piece.author, displayName: piece.authorName, role: piece.authorRole },
    written: piece.written,
    publishedAt: piece.publishedAt,
    reviewNote: piece.reviewNote,
    createdAt: piece.createdAt,
    updatedAt: piece.updatedAt,
    eventCount: piece.eventCount,
    links: piece.links,
    url: `/commentary/${piece.id}`,
  };
}

/** Dyads are stored undirected, codes in alphabetical order, so `USA-PRK` and `PRK-USA` find the same pieces. */
export function normaliseDyad(dyad: string): string {
  const [a = '', b = ''] = dyad.toUpperCase().split('-');
  return a <= b ? `${a}-${b}` : `${b}-${a}`;
}

async function checkInput(store: Store, input: CommentaryInput): Promise<CommentaryInput> {
  if (input.links.dyads.length === 0) throw new CommentaryError(400, 'attach the piece to at least one dyad');
  for (const doc of input.links.documents) {
    if (!(await store.hasDocument(doc))) throw new CommentaryError(400, `no stored document ${doc}`);
  }
  return { ...input, links: { ...input.links, dyads: [...new Set(input.links.dyads.map(normaliseDyad))] } };
}

async function load(store: Store, principal: Principal, id: number): Promise<Commentary> {
  const piece = await store.commentary.get(id);
  if (piece === null || !canRead(principal, piece)) throw new CommentaryError(404, `no commentary ${id}`);
  return piece;
}

function expectStatus(piece: Commentary, allowed: readonly CommentaryStatus[], doing: string): void {
  if (!allowed.includes(piece.status)) {
    throw new CommentaryError(409, `commentary ${piece.id} is ${piece.status}: cannot ${doing} it`);
  }
}

export async function createCommentary(store: Store, principal: Principal, input: CommentaryInput) {
  if (principal.user === null) throw new CommentaryError(403, 'commentary needs a user account as its author');
  return store.commentary.add(principal.user.id, await checkInput(store, input));
}

export async function readCommentary(store: Store, principal: Principal, id: number) {
  return load(store, principal, id);
}

/** The author edits a piece that is not out for review or published; a rejected piece goes back to draft. */
export async function editCommentary(store: Store, principal: Principal, id: number, input: CommentaryInput) {
  const piece = await load(store, principal, id);
  if (!isAuthor(principal, piece)) throw new CommentaryError(403, 'only the author edits a piece');
  expectStatus(piece, ['draft', 'rejected', 'unpublished'], 'edit');
  return store.commentary.update(id, { ...(await checkInput(store, input)), status: 'draft' });
}

export async function submitCommentary(store: Store, principal: Principal, id: number) {
  const piece = await load(store, principal, id);
  if (!isAuthor(principal, piece)) throw new CommentaryError(403, 'only the author submits a piece');
  expectStatus(piece, ['draft', 'rejected', 'unpublished'], 'submit');
  return store.commentary.update(id, { status: 'submitted', reviewNote: null });
}

/** The events a piece asserts, coded from its title and text as a reader sees them. */
export function codeCommentary(coder: Coder, piece: Commentary) {
  const text = `${piece.title.replace(/[.!?]?$/, '.')}\n\n${markdownText(piece.body)}`;
  return coder.codeDocument({ id: `commentary:${piece.id}`, date: piece.written, text, title: piece.title }).events;
}

/** An editor publishes a submitted piece (or their own draft), coding it; `official` marks the club's position. */
export async function publishCommentary(
  store: Store,
  coder: Coder,
  principal: Principal,
  id: number,
  official = false,
) {
  const piece = await load(store, principal, id);
  expectStatus(
    piece,
    isAuthor(principal, piece) ? ['draft', 'submitted', 'rejected', 'unpublished'] : ['submitted'],
    'publish',
  );
  await store.commentary.update(id, {
    status: 'published',
    official,
    reviewedBy: principal.user?.id ?? null,
    reviewNote: null,
    publishedAt: new Date().toISOString(),
  });
  await store.commentary.setEvents(id, codeCommentary(coder, piece));
  return (await store.commentary.get(id)) as Commentary;
}

export async function rejectCommentary(store: Store, principal: Principal, id: number, reason: string) {
  const piece = await load(store, principal, id);
  expectStatus(piece, ['submitted'], 'reject');
  return store.commentary.update(id, {
    status: 'rejected',
    reviewNote: reason,
    reviewedBy: principal.user?.id ?? null,
  });
}

export async function unpublishCommentary(store: Store, principal: Principal, id: number, reason: string | null) {
  const piece = await load(store, principal, id);
  expectStatus(piece, ['published'], 'unpublish');
  await store.commentary.setEvents(id, []);
  return store.commentary.update(id, {
    status: 'unpublished',
    official: false,
    reviewNote: reason,
    reviewedBy: principal.user?.id ?? null,
  });
}

export async function markOfficial(store: Store, principal: Principal, id: number, official: boolean) {
  const piece = await load(store, principal, id);
  expectStatus(piece, ['published'], 'mark official');
  return store.commentary.update(id, { official, reviewedBy: principal.user?.id ?? null });
}

/** Authors delete their unpublished pieces; editors any piece they can see. */
export async function deleteCommentary(store: Store, principal: Principal, id: number) {
  const piece = await load(store, principal, id);
  if (!isEditor(principal)) {
    if (!isAuthor(principal, piece)) throw new CommentaryError(403, 'only the author or an editor deletes a piece');
    expectStatus(piece, ['draft', 'rejected', 'unpublished', 'submitted'], 'delete');
  }
  return store.commentary.remove(id);
}

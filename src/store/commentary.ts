/**
 * Members' commentary (issue 6): Markdown pieces attached to dyads and optionally to events or documents, with a
 * review status, and the events a published piece asserts. Those events live in `events` as origin `analyst`
 * with external id `commentary:<id>:<n>` and url `/commentary/<id>`, so the timeline, filters, actors and
 * roll-up treat them like any other event and each one links back to its piece; unpublishing removes them.
 */
import type { EventRecord } from '../coder/event.js';
import { applyActors } from './document-writer.js';
import type { Driver, Queryable, Row } from './driver.js';
import { dyadKey } from './dyad-key.js';
import { applyRollup } from './rollup.js';
import { EVENT_COLUMNS, eventValues, toEvent } from './rows.js';

/** draft (author only) → submitted (editors see it) → published | rejected (with a reason); published → unpublished. */
export type CommentaryStatus = 'draft' | 'submitted' | 'published' | 'rejected' | 'unpublished';

export interface CommentaryLinks {
  dyads: string[];
  events: number[];
  documents: string[];
}

export interface Commentary {
  id: number;
  authorId: number;
  author: string;
  authorName: string | null;
  authorRole: string;
  title: string;
  body: string;
  status: CommentaryStatus;
  official: boolean;
  /** ISO date the piece speaks for: where it sits on the timeline. */
  written: string;
  reviewNote: string | null;
  reviewedBy: number | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  eventCount: number;
  links: CommentaryLinks;
}

export interface CommentaryInput {
  title: string;
  body: string;
  written: string;
  links: CommentaryLinks;
}

export interface CommentaryQuery {
  status?: CommentaryStatus;
  authorId?: number;
  dyad?: string;
  limit?: number;
}

export type CommentaryUpdate = Partial<
  Pick<Commentary, 'title' | 'body' | 'written' | 'status' | 'official' | 'reviewNote' | 'reviewedBy' | 'publishedAt'>
> & { links?: CommentaryLinks };

export interface CommentaryStore {
  add(authorId: number, input: CommentaryInput): Promise<Commentary>;
  get(id: number): Promise<Commentary | null>;
  list(query?: CommentaryQuery): Promise<Commentary[]>;
  update(id: number, update: CommentaryUpdate): Promise<Commentary | null>;
  remove(id: number): Promise<boolean>;
  /** Replaces the analyst events of a piece (none to clear them), keeping actors and the roll-up in step. */
  setEvents(id: number, events: readonly EventRecord[]): Promise<number>;
}

const SELECT = `SELECT c.*, u.username AS author, u.display_name AS author_name, u.role AS author_role
  FROM commentary c JOIN users u ON u.id = c.author_id`;

const UPDATE_COLUMNS: Record<Exclude<keyof CommentaryUpdate, 'links'>, string> = {
  title: 'title',
  body: 'body',
  written: 'written',
  status: 'status',
  official: 'official',
  reviewNote: 'review_note',
  reviewedBy: 'reviewed_by',
  publishedAt: 'published_at',
};

function toCommentary(row: Row, links: CommentaryLinks): Commentary {
  const str = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    id: Number(row.id),
    authorId: Number(row.author_id),
    author: String(row.author),
    authorName: str(row.author_name),
    authorRole: String(row.author_role),
    title: String(row.title),
    body: String(row.body),
    status: String(row.status) as CommentaryStatus,
    official: Boolean(row.official),
    written: String(row.written),
    reviewNote: str(row.review_note),
    reviewedBy: row.reviewed_by === null || row.reviewed_by === undefined ? null : Number(row.reviewed_by),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    publishedAt: str(row.published_at),
    eventCount: Number(row.event_count ?? 0),
    links,
  };
}

async function loadLinks(db: Queryable, ids: readonly number[]): Promise<Map<number, CommentaryLinks>> {
  const result = new Map<number, CommentaryLinks>(ids.map((id) => [id, { dyads: [], events: [], documents: [] }]));
  if (ids.length === 0) return result;
  const rows = await db.all(
    `SELECT * FROM commentary_links WHERE commentary_id IN (${ids.map(() => '?').join(', ')}) ORDER BY kind, ref`,
    ids,
  );
  for (const row of rows) {
    const links = result.get(Number(row.commentary_id));
    if (links === undefined) continue;
    if (row.kind === 'dyad') links.dyads.push(String(row.ref));
    else if (row.kind === 'event') links.events.push(Number(row.ref));
    else links.documents.push(String(row.ref));
  }
  return result;
}

async function writeLinks(db: Queryable, id: number, links: CommentaryLinks): Promise<void> {
  await db.run('DELETE FROM commentary_links WHERE commentary_id = ?', [id]);
  const rows = [
    ...new Set(links.dyads.map((dyad) => `dyad\t${dyad}`)),
    ...new Set(links.events.map((event) => `event\t${event}`)),
    ...new Set(links.documents.map((doc) => `document\t${doc}`)),
  ].map((pair) => [id, ...pair.split('\t')]);
  if (rows.length > 0) await db.insertMany('commentary_links', ['commentary_id', 'kind', 'ref'], rows);
}

/** The commentary store over a driver; both databases share it. */
export function commentaryStore(db: Driver): CommentaryStore {
  const get = async (id: number) => {
    const [row] = await db.all(`${SELECT} WHERE c.id = ?`, [id]);
    if (row === undefined) return null;
    return toCommentary(row, (await loadLinks(db, [id])).get(id) as CommentaryLinks);
  };
  const setEvents = (id: number, events: readonly EventRecord[]): Promise<number> => {
    const prefix = `commentary:${id}:`;
    return db.transaction(async (tx) => {
      // Range on the unique external-id index: `;` is the character after `:`.
      const old = (
        await tx.all('SELECT * FROM events WHERE external_id >= ? AND external_id < ?', [prefix, `commentary:${id};`])
      ).map(toEvent);
      if (old.length > 0) {
        await tx.run('DELETE FROM events WHERE external_id >= ? AND external_id < ?', [prefix, `commentary:${id};`]);
        await applyActors(tx, old, -1);
        await applyRollup(tx, old, -1);
      }
      if (events.length > 0) {
        const rows = events.map((event, index) =>
          eventValues(
            { ...event, origin: 'analyst', correction_id: null },
            null,
            dyadKey(event.source, event.target),
            `${prefix}${index}`,
            `/commentary/${id}`,
          ),
        );
        await tx.insertMany('events', EVENT_COLUMNS, rows);
        await applyActors(tx, events, 1);
        await applyRollup(tx, events, 1);
      }
      await tx.run('UPDATE commentary SET event_count = ? WHERE id = ?', [events.length, id]);
      return events.length;
    });
  };
  return {
    async add(authorId, input) {
      const now = new Date().toISOString();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx.all(
          `INSERT INTO commentary (author_id, title, body, status, official, written, created_at, updated_at)
           VALUES (?, ?, ?, 'draft', ?, ?, ?, ?) RETURNING id`,
          [authorId, input.title, input.body, false, input.written, now, now],
        );
        const created = Number(row?.id);
        await writeLinks(tx, created, input.links);
        return created;
      });
      return (await get(id)) as Commentary;
    },
    get,
    async list(query = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.status) {
        where.push('c.status = ?');
        params.push(query.status);
      }
      if (query.authorId !== undefined) {
        where.push('c.author_id = ?');
        params.push(query.authorId);
      }
      if (query.dyad) {
        where.push("c.id IN (SELECT commentary_id FROM commentary_links WHERE kind = 'dyad' AND ref = ?)");
        params.push(query.dyad);
      }
      const limit = Math.max(1, Math.min(500, query.limit ?? 100));
      const rows = await db.all(
        `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.written DESC, c.id DESC LIMIT ?`,
        [...params, limit],
      );
      const links = await loadLinks(
        db,
        rows.map((row) => Number(row.id)),
      );
      return rows.map((row) => toCommentary(row, links.get(Number(row.id)) as CommentaryLinks));
    },
    async update(id, update) {
      await db.transaction(async (tx) => {
        const entries = Object.entries(update).filter(([key, value]) => key in UPDATE_COLUMNS && value !== undefined);
        const sets = [
          ...entries.map(([key]) => `${UPDATE_COLUMNS[key as keyof typeof UPDATE_COLUMNS]} = ?`),
          'updated_at = ?',
        ];
        await tx.run(`UPDATE commentary SET ${sets.join(', ')} WHERE id = ?`, [
          ...entries.map(([, value]) => value),
          new Date().toISOString(),
          id,
        ]);
        if (update.links) await writeLinks(tx, id, update.links);
      });
      return get(id);
    },
    async remove(id) {
      await setEvents(id, []);
      return db.transaction(async (tx) => {
        await tx.run('DELETE FROM commentary_links WHERE commentary_id = ?', [id]);
        return (await tx.run('DELETE FROM commentary WHERE id = ?', [id])) > 0;
      });
    },
    setEvents,
  };
}

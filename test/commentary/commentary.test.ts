/**
 * Commentary through the API with the real coder: drafts stay private, editors publish (coding the piece into
 * analyst events on the dyad timeline, linked back), reject with a reason and unpublish (removing the events);
 * published pieces carry author, role, date and the personal-views notice unless marked official. Members'
 * corrections keep their author and reason and survive re-coding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoder } from '../../src/coder/index.js';
import type { Coder } from '../../src/coder/types.js';
import { PERSONAL_VIEWS_NOTICE } from '../../src/commentary/workflow.js';
import { storeDialects } from '../helpers/stores.js';
import { securityApp } from '../security/security-helpers.js';

interface Piece {
  id: number;
  status: string;
  html: string;
  notice: string | null;
  official: boolean;
  author: { username: string; role: string; displayName: string | null };
  written: string;
  eventCount: number;
  reviewNote: string | null;
  url: string;
}

const BODY = `North Korea threatened to attack the United States on Tuesday.

The **United States** praised South Korea for the talks. <script>alert(1)</script>`;

for (const { name, dialect } of storeDialects('commentary'))
  describe.skipIf(dialect === null)(`commentary on ${name}`, () => {
    let env: Awaited<ReturnType<typeof securityApp>>;
    let coder: Coder;

    beforeAll(async () => {
      coder = await createCoder();
      env = await securityApp({ coder: async () => coder }, () => (dialect as NonNullable<typeof dialect>).open());
    }, 120_000);
    afterAll(async () => {
      await dialect?.cleanup();
      await env?.close();
    });

    const call = async (role: string, method: string, path: string, body?: unknown) => {
      const response = await env.app.request(path, {
        method,
        headers: { 'content-type': 'application/json', ...env.as(role as 'member') },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as Piece & { items: Piece[] } };
    };

    it('keeps drafts private, publishes through an editor, codes the piece as analyst events', async () => {
      const created = await call('member', 'POST', '/api/commentary', {
        title: 'Pyongyang raises the stakes',
        body: BODY,
        written: '2020-03-03',
        dyads: ['USA-PRK'],
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(created.body.status).toBe('draft');
      expect(created.body.html).not.toContain('<script>');
      expect(created.body.html).toContain('&lt;script&gt;');
      for (const role of ['reader', 'contributor', 'editor', 'admin']) {
        expect((await call(role, 'GET', `/api/commentary/${id}`)).status, role).toBe(404);
      }
      expect((await call('editor', 'POST', `/api/commentary/${id}/publish`, {})).status).toBe(404);
      expect((await call('member', 'POST', `/api/commentary/${id}/submit`)).body.status).toBe('submitted');
      expect((await call('editor', 'GET', `/api/commentary?status=submitted`)).body.items.map((p) => p.id)).toContain(
        id,
      );
      expect((await call('reader', 'GET', `/api/commentary/${id}`)).status).toBe(404);

      const published = await call('editor', 'POST', `/api/commentary/${id}/publish`, {});
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({
        status: 'published',
        official: false,
        notice: PERSONAL_VIEWS_NOTICE,
        author: { username: 'member', role: 'member', displayName: 'The member' },
        written: '2020-03-03',
      });
      expect(published.body.eventCount).toBeGreaterThan(0);

      const events = (await (
        await env.app.request('/api/events?dyad=PRK-USA&undirected=true&origin=analyst')
      ).json()) as {
        items: { origin: string; url: string; external_id: string; date: string }[];
      };
      expect(events.items.length).toBeGreaterThan(0);
      for (const event of events.items) {
        expect(event).toMatchObject({ origin: 'analyst', url: `/commentary/${id}` });
        expect(event.date).toBe('2020-03-03');
      }
      const onDyad = await call('reader', 'GET', '/api/commentary?dyad=PRK-USA');
      expect(onDyad.body.items.map((p) => p.id)).toEqual([id]);
      expect(onDyad.body.items[0]?.html).toContain('<strong>United States</strong>');
    });

    it('marks official positions without the notice, rejects with a reason, unpublishes and removes the events', async () => {
      const draft = await call('contributor', 'POST', '/api/commentary', {
        title: 'Club position',
        body: 'Russia threatened Ukraine at the border.',
        written: '2020-04-01',
        dyads: ['RUS-UKR'],
      });
      const id = draft.body.id;
      await call('contributor', 'POST', `/api/commentary/${id}/submit`);
      const rejected = await call('editor', 'POST', `/api/commentary/${id}/reject`, { reason: 'Cite the source.' });
      expect(rejected.body).toMatchObject({ status: 'rejected', reviewNote: 'Cite the source.' });
      expect((await call('contributor', 'GET', `/api/commentary/${id}`)).body.reviewNote).toBe('Cite the source.');
      await call('contributor', 'PATCH', `/api/commentary/${id}`, {
        title: 'Club position',
        body: 'Russia threatened Ukraine at the border, [Reuters](https://example.org/r) reported.',
        written: '2020-04-01',
        dyads: ['UKR-RUS'],
      });
      await call('contributor', 'POST', `/api/commentary/${id}/submit`);
      const official = await call('editor', 'POST', `/api/commentary/${id}/publish`, { official: true });
      expect(official.body).toMatchObject({ status: 'published', official: true, notice: null });
      const before = (await (await env.app.request('/api/events?dyad=RUS-UKR&origin=analyst')).json()) as {
        items: unknown[];
      };
      expect(before.items.length).toBeGreaterThan(0);
      expect((await call('member', 'POST', `/api/commentary/${id}/unpublish`, {})).status).toBe(403);
      const unpublished = await call('editor', 'POST', `/api/commentary/${id}/unpublish`, { reason: 'Outdated.' });
      expect(unpublished.body.status).toBe('unpublished');
      const after = (await (await env.app.request('/api/events?dyad=RUS-UKR&origin=analyst')).json()) as {
        items: unknown[];
      };
      expect(after.items).toHaveLength(0);
      expect((await call('reader', 'GET', `/api/commentary/${id}`)).status).toBe(404);
    });

    it("lets only the author edit, and keeps others' drafts out of sight", async () => {
      const draft = await call('member', 'POST', '/api/commentary', {
        title: 'Mine',
        body: 'Text.',
        dyads: ['USA-CHN'],
      });
      expect(
        (
          await call('contributor', 'PATCH', `/api/commentary/${draft.body.id}`, {
            title: 'x',
            body: 'y',
            dyads: ['USA-CHN'],
          })
        ).status,
      ).toBe(404);
      expect((await call('member', 'GET', '/api/commentary?mine=true')).body.items.map((p) => p.id)).toContain(
        draft.body.id,
      );
      expect((await call('editor', 'GET', '/api/commentary?status=draft')).status).toBe(403);
    });

    it("stores a member's correction with author and reason, and keeps it across re-coding", async () => {
      const text = 'North Korea threatened to attack the United States on Tuesday.';
      const coded = coder.codeDocument({ id: 'x', date: '2020-05-05', text });
      const put = await env.store.putDocument({ text, published: '2020-05-05' }, coded);
      const stored = await env.store.getDocument(put.id);
      const event = stored?.events[0];
      expect(event).toBeDefined();
      const response = await call('member', 'POST', '/api/corrections', {
        doc: put.id,
        event: event?.id,
        kind: 'code',
        cameo: '138',
        reason: 'A threat of force, not a generic threat.',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        author: 'member',
        kind: 'code',
        reason: 'A threat of force, not a generic threat.',
      });
      const recoded = coder.codeDocument({ id: put.id, date: '2020-05-05', text });
      await env.store.replaceCoding(put.id, recoded, coder.version);
      const after = await env.store.getDocument(put.id);
      expect(after?.events.map((e) => [e.cameo, e.origin])).toContainEqual(['138', 'analyst']);
      const notEvent = await call('member', 'POST', '/api/corrections', {
        doc: put.id,
        event: after?.events[0]?.id,
        kind: 'not-event',
        reason: 'Rhetoric quoted from a film.',
      });
      expect(notEvent.status).toBe(201);
      expect((await env.store.getDocument(put.id))?.events).toHaveLength(0);
      const listed = (await (await env.app.request(`/api/corrections?doc=${put.id}`)).json()) as {
        items: { author: string }[];
      };
      expect(listed.items.map((c) => c.author)).toEqual(['member', 'member']);
      expect((await call('contributor', 'DELETE', `/api/corrections/${response.body.id}`)).status).toBe(403);
      expect((await call('editor', 'DELETE', `/api/corrections/${response.body.id}`)).status).toBe(204);
    });
  });

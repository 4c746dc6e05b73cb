/**
 * The authorisation matrix: every state-changing endpoint (and the admin-only reads) × every role, asserting
 * allow (2xx) or deny (401 for anonymous readers, 403 for signed-in roles below the line). Each case gets a fresh
 * session and fresh fixtures, so one case (logging out everywhere, changing a password) cannot spoil the next.
 * A last test checks the matrix lists every non-GET API route the app registers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken, openSession } from '../../src/auth/login.js';
import { type AnyRole, atLeast, ROLES } from '../../src/auth/roles.js';
import type { Store } from '../../src/store/store.js';
import { PASSWORD, securityApp } from './security-helpers.js';

type Fixture = { path: string; body?: unknown };
interface Case {
  route: string;
  /** The least role allowed. */
  least: AnyRole;
  /** Builds the request for an actor (its own resources where the endpoint is about the author's own). */
  setup: (store: Store, actor: AnyRole, helpers: Helpers) => Promise<Fixture>;
}
interface Helpers {
  piece(author: string, status?: 'draft' | 'submitted' | 'published'): Promise<number>;
  doc(): Promise<{ id: string; event: number }>;
}

const DYAD = ['USA-PRK'];
const ownerOf = (actor: AnyRole) => (actor === 'reader' ? 'member' : actor);

const CASES: Case[] = [
  {
    route: 'POST /api/analyse',
    least: 'reader',
    setup: async () => ({ path: '/api/analyse', body: { text: 'USA met PRK.' } }),
  },
  {
    route: 'POST /api/auth/login',
    least: 'reader',
    setup: async () => ({ path: '/api/auth/login', body: { username: 'member', password: PASSWORD } }),
  },
  { route: 'POST /api/auth/logout', least: 'reader', setup: async () => ({ path: '/api/auth/logout' }) },
  { route: 'POST /api/auth/logout-all', least: 'member', setup: async () => ({ path: '/api/auth/logout-all' }) },
  {
    route: 'POST /api/auth/password',
    least: 'member',
    setup: async () => ({ path: '/api/auth/password', body: { current: PASSWORD, password: PASSWORD } }),
  },
  {
    route: 'POST /api/tokens',
    least: 'member',
    setup: async () => ({ path: '/api/tokens', body: { name: 'script', scopes: ['ingest'] } }),
  },
  {
    route: 'DELETE /api/tokens/:id',
    least: 'member',
    setup: async (store, actor) => {
      const user = await store.accounts.getUser(ownerOf(actor));
      const { token } = await issueApiToken(store, user as NonNullable<typeof user>, { name: 'x', scopes: ['ingest'] });
      return { path: `/api/tokens/${token.id}` };
    },
  },
  {
    route: 'POST /api/ingest',
    least: 'contributor',
    setup: async () => ({ path: '/api/ingest', body: { text: `USA aided KOR ${Math.random()}.`, date: '2020-01-01' } }),
  },
  {
    route: 'POST /api/feeds',
    least: 'admin',
    setup: async () => ({ path: '/api/feeds', body: { url: `https://example.org/${Math.random()}.xml` } }),
  },
  {
    route: 'DELETE /api/feeds/:id',
    least: 'admin',
    setup: async (store) => ({
      path: `/api/feeds/${(await store.addFeed(`https://example.org/${Math.random()}`)).id}`,
    }),
  },
  {
    route: 'POST /api/feeds/:id/poll',
    least: 'admin',
    setup: async (store) => ({
      path: `/api/feeds/${(await store.addFeed(`http://127.0.0.1:9/${Math.random()}`)).id}/poll`,
    }),
  },
  {
    route: 'POST /api/users',
    least: 'admin',
    setup: async () => ({
      path: '/api/users',
      body: { username: `u${Math.random().toString(36).slice(2, 9)}`, role: 'member', password: PASSWORD },
    }),
  },
  {
    route: 'PATCH /api/users/:id',
    least: 'admin',
    setup: async (store) => {
      const user = await store.accounts.addUser({
        username: `v${Math.random().toString(36).slice(2, 9)}`,
        role: 'member',
        passwordHash: null,
      });
      return { path: `/api/users/${user.id}`, body: { role: 'contributor' } };
    },
  },
  {
    route: 'POST /api/commentary',
    least: 'member',
    setup: async () => ({ path: '/api/commentary', body: { title: 'A view', body: 'USA met PRK.', dyads: DYAD } }),
  },
  {
    route: 'PATCH /api/commentary/:id',
    least: 'member',
    setup: async (_store, actor, h) => ({
      path: `/api/commentary/${await h.piece(ownerOf(actor))}`,
      body: { title: 'Edited', body: 'USA praised PRK.', dyads: DYAD },
    }),
  },
  {
    route: 'DELETE /api/commentary/:id',
    least: 'member',
    setup: async (_store, actor, h) => ({ path: `/api/commentary/${await h.piece(ownerOf(actor))}` }),
  },
  {
    route: 'POST /api/commentary/:id/submit',
    least: 'member',
    setup: async (_store, actor, h) => ({ path: `/api/commentary/${await h.piece(ownerOf(actor))}/submit` }),
  },
  {
    route: 'POST /api/commentary/:id/publish',
    least: 'editor',
    setup: async (_store, _actor, h) => ({
      path: `/api/commentary/${await h.piece('member', 'submitted')}/publish`,
      body: {},
    }),
  },
  {
    route: 'POST /api/commentary/:id/reject',
    least: 'editor',
    setup: async (_store, _actor, h) => ({
      path: `/api/commentary/${await h.piece('member', 'submitted')}/reject`,
      body: { reason: 'Needs sources.' },
    }),
  },
  {
    route: 'POST /api/commentary/:id/unpublish',
    least: 'editor',
    setup: async (_store, _actor, h) => ({
      path: `/api/commentary/${await h.piece('member', 'published')}/unpublish`,
      body: {},
    }),
  },
  {
    route: 'POST /api/commentary/:id/official',
    least: 'editor',
    setup: async (_store, _actor, h) => ({
      path: `/api/commentary/${await h.piece('member', 'published')}/official`,
      body: { official: true },
    }),
  },
  {
    route: 'POST /api/corrections',
    least: 'member',
    setup: async (_store, _actor, h) => {
      const { id, event } = await h.doc();
      return {
        path: '/api/corrections',
        body: { doc: id, event, kind: 'code', cameo: '042', reason: 'It was a visit.' },
      };
    },
  },
  {
    route: 'DELETE /api/corrections/:id',
    least: 'member',
    setup: async (store, actor, h) => {
      const { id } = await h.doc();
      const correction = await store.addCorrection({
        doc: id,
        action: 'delete',
        author: ownerOf(actor),
        note: 'not-event: x',
      });
      return { path: `/api/corrections/${correction.id}` };
    },
  },
];

/** Reads that only admins may make. */
const GUARDED_READS: [string, string][] = [
  ['GET', '/api/feeds'],
  ['GET', '/api/users'],
  ['GET', '/api/audit'],
];

describe('authorisation matrix', () => {
  let env: Awaited<ReturnType<typeof securityApp>>;
  let docs = 0;
  const helpers = (): Helpers => ({
    async piece(author, status = 'draft') {
      const user = await env.store.accounts.getUser(author);
      const piece = await env.store.commentary.add((user as { id: number }).id, {
        title: 'Piece',
        body: 'USA met PRK.',
        written: '2020-01-01',
        links: { dyads: DYAD, events: [], documents: [] },
      });
      if (status !== 'draft') await env.store.commentary.update(piece.id, { status });
      return piece.id;
    },
    async doc() {
      const coder = await env.context.coder();
      const text = `USA met PRK in round ${++docs}.`;
      const coded = coder.codeDocument({ id: 'x', date: '2020-01-01', text });
      const put = await env.store.putDocument({ text, published: '2020-01-01' }, coded);
      const stored = await env.store.getDocument(put.id);
      return { id: put.id, event: (stored as NonNullable<typeof stored>).events[0]?.id ?? 0 };
    },
  });

  /** Headers of a fresh same-origin session for `role`. */
  const headersFor = async (role: AnyRole): Promise<Record<string, string>> => {
    const base = { host: 'localhost', 'content-type': 'application/json' };
    if (role === 'reader') return base;
    const user = await env.store.accounts.getUser(role);
    const { sessionId, csrfToken } = await openSession(env.store, user as NonNullable<typeof user>, {
      ip: null,
      userAgent: null,
    });
    return { ...base, cookie: `dyadwatch_session=${sessionId}`, 'x-csrf-token': csrfToken };
  };

  beforeAll(async () => {
    env = await securityApp();
  });
  afterAll(() => env?.close());

  for (const testCase of CASES) {
    for (const role of ROLES) {
      const allowed = atLeast(role, testCase.least);
      it(`${testCase.route} as ${role}: ${allowed ? 'allow' : 'deny'}`, async () => {
        const { path, body } = await testCase.setup(env.store, role, helpers());
        const [method] = testCase.route.split(' ') as [string];
        const response = await env.app.request(path, {
          method,
          headers: await headersFor(role),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        if (allowed) expect(response.status, text).toBeLessThan(300);
        else expect(response.status, text).toBe(role === 'reader' ? 401 : 403);
      });
    }
  }

  for (const [method, path] of GUARDED_READS) {
    for (const role of ROLES) {
      const allowed = role === 'admin';
      it(`${method} ${path} as ${role}: ${allowed ? 'allow' : 'deny'}`, async () => {
        const response = await env.app.request(path, { method, headers: await headersFor(role) });
        if (allowed) expect(response.status).toBe(200);
        else expect(response.status).toBe(role === 'reader' ? 401 : 403);
      });
    }
  }

  it('lists every state-changing API route the app registers', () => {
    const registered = new Set(
      env.app.routes
        .filter((r) => r.method !== 'ALL' && r.method !== 'GET' && r.path.startsWith('/api/') && !r.path.includes('*'))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...registered].sort()).toEqual(CASES.map((c) => c.route).sort());
  });

  it("API tokens act within their scopes and their owner's role, and stop when revoked", async () => {
    const contributor = await env.store.accounts.getUser('contributor');
    const member = await env.store.accounts.getUser('member');
    const { secret: ingestToken, token } = await issueApiToken(
      env.store,
      contributor as NonNullable<typeof contributor>,
      {
        name: 'ingest',
        scopes: ['ingest'],
      },
    );
    const { secret: memberToken } = await issueApiToken(env.store, member as NonNullable<typeof member>, {
      name: 'too much',
      scopes: ['ingest', 'feeds'],
    });
    const ingest = (bearer: string) =>
      env.app.request('/api/ingest', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ text: `USA aided JPN ${Math.random()}.`, date: '2020-02-02' }),
      });
    expect((await ingest(ingestToken)).status).toBe(201);
    // Scoped for ingest, but a member's token cannot do what a member cannot.
    expect((await ingest(memberToken)).status).toBe(403);
    const commentary = await env.app.request('/api/commentary', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestToken}` },
      body: JSON.stringify({ title: 'x', body: 'USA met PRK.', dyads: DYAD }),
    });
    expect(commentary.status).toBe(403);
    expect(((await commentary.json()) as { error: { message: string } }).error.message).toMatch(
      /lacks the "commentary" scope/,
    );
    const stored = await env.store.accounts.findApiToken(
      (await import('../../src/auth/secrets.js')).sha256(ingestToken),
    );
    expect(stored?.prefix).toBe(ingestToken.slice(0, 10));
    await env.store.accounts.revokeApiToken(token.id, new Date().toISOString());
    expect((await ingest(ingestToken)).status).toBe(401);
  });

  it('keeps DYADWATCH_API_TOKEN as an admin bootstrap token', async () => {
    const { app } = await import('../server/api-helpers.js').then((m) =>
      m.testApp(env.store, { apiToken: 'bootstrap-secret-1234' }),
    );
    const response = await app.request('/api/users', { headers: { authorization: 'Bearer bootstrap-secret-1234' } });
    expect(response.status).toBe(200);
    expect((await app.request('/api/users', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('records every write in the audit log: who, what, when, from where', async () => {
    const page = await env.store.audit.list({ limit: 1000 });
    const publish = page.items.find((e) => e.action.endsWith('/publish') && e.status === 200);
    expect(publish).toMatchObject({
      actor: expect.any(String),
      role: expect.stringMatching(/editor|admin/),
      via: 'session',
    });
    expect(publish?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const denied = page.items.find((e) => e.action === 'POST /api/users' && e.status === 401);
    expect(denied).toMatchObject({ actor: 'anonymous', role: 'reader' });
    const viaLoopback = await env.app.request(
      '/api/commentary',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
        body: '{}',
      },
      { incoming: { socket: { remoteAddress: '203.0.113.9' } } },
    );
    expect(viaLoopback.status).toBe(401);
    const [latest] = (await env.store.audit.list({ limit: 1 })).items;
    expect(latest?.ip).toBe('203.0.113.9 (forwarded for 198.51.100.7)');
  });
});

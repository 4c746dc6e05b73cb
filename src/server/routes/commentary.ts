/**
 * `/api/commentary`: members' pieces. Anyone reads published ones (sanitised HTML, author, role, date, notice);
 * members and above write drafts and submit them; editors publish, reject with a reason, unpublish and mark the
 * club's official position (see `commentary/workflow.ts` for who may do what to which piece).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { atLeast } from '../../auth/roles.js';
import * as workflow from '../../commentary/workflow.js';
import { CommentaryError, normaliseDyad, present } from '../../commentary/workflow.js';
import type { Commentary } from '../../store/commentary.js';
import { requirePermission } from '../auth.js';
import type { AppEnv, ServerContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { parseJsonBody, parseParam, parseQuery } from '../validate.js';

const dyadSchema = z.string().regex(/^[A-Za-z]{3}-[A-Za-z]{3}$/, 'a country-level dyad like USA-PRK');
export const commentaryBodySchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(50_000),
  written: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .optional(),
  dyads: z.array(dyadSchema).min(1).max(20),
  events: z.array(z.number().int().positive()).max(100).optional(),
  documents: z
    .array(z.string().regex(/^sha256:[0-9a-f]{64}$/))
    .max(50)
    .optional(),
});
export const commentaryQuerySchema = z
  .object({
    dyad: dyadSchema.optional(),
    status: z.enum(['draft', 'submitted', 'published', 'rejected', 'unpublished']).optional(),
    mine: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();
export const publishBodySchema = z.object({ official: z.boolean().optional() });
export const reasonBodySchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export const unpublishBodySchema = z.object({ reason: z.string().trim().max(2000).optional() });
export const officialBodySchema = z.object({ official: z.boolean() });
const idParam = z.coerce.number().int().positive();

function rethrow(error: unknown): never {
  if (error instanceof CommentaryError) throw new HttpError(error.status, error.message);
  throw error;
}

export function registerCommentaryRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  const { store } = context;
  const write = requirePermission('commentary.write');
  const review = requirePermission('commentary.review');
  const idOf = (value: string | undefined) => parseParam('commentary id', value, idParam);
  const answer = (piece: Commentary | null, id: number) => {
    if (piece === null) throw new HttpError(404, `no commentary ${id}`);
    return present(piece);
  };

  app.get('/api/commentary', async (c) => {
    const query = parseQuery(c, commentaryQuerySchema);
    const principal = c.get('principal');
    const dyad = query.dyad ? normaliseDyad(query.dyad) : undefined;
    let items: Commentary[];
    if (query.mine === 'true') {
      if (principal.user === null) throw new HttpError(401, 'sign in to see your own pieces');
      items = await store.commentary.list({
        authorId: principal.user.id,
        ...(query.status ? { status: query.status } : {}),
        ...(dyad ? { dyad } : {}),
      });
    } else {
      const status = query.status ?? 'published';
      if (status === 'draft') throw new HttpError(403, 'drafts are private: use mine=true for your own');
      if (status !== 'published' && !atLeast(principal.role, 'editor'))
        throw new HttpError(403, `only editors list ${status} pieces`);
      items = await store.commentary.list({ status, ...(dyad ? { dyad } : {}), limit: query.limit ?? 100 });
    }
    c.header('cache-control', 'no-store');
    return c.json({ items: items.map(present) });
  });

  app.get('/api/commentary/:id', async (c) => {
    const id = idOf(c.req.param('id'));
    const piece = await workflow.readCommentary(store, c.get('principal'), id).catch(rethrow);
    if (piece.status !== 'published') c.header('cache-control', 'no-store');
    return c.json(present(piece));
  });

  const input = (body: z.infer<typeof commentaryBodySchema>) => ({
    title: body.title,
    body: body.body,
    written: body.written ?? new Date().toISOString().slice(0, 10),
    links: { dyads: body.dyads, events: body.events ?? [], documents: body.documents ?? [] },
  });

  app.post('/api/commentary', write, async (c) => {
    const body = await parseJsonBody(c, commentaryBodySchema);
    const piece = await workflow.createCommentary(store, c.get('principal'), input(body)).catch(rethrow);
    c.set('audit', { target: `commentary:${piece.id}` });
    return c.json(present(piece), 201);
  });

  app.patch('/api/commentary/:id', write, async (c) => {
    const id = idOf(c.req.param('id'));
    const body = await parseJsonBody(c, commentaryBodySchema);
    c.set('audit', { target: `commentary:${id}` });
    return c.json(answer(await workflow.editCommentary(store, c.get('principal'), id, input(body)).catch(rethrow), id));
  });

  app.delete('/api/commentary/:id', write, async (c) => {
    const id = idOf(c.req.param('id'));
    c.set('audit', { target: `commentary:${id}` });
    await workflow.deleteCommentary(store, c.get('principal'), id).catch(rethrow);
    context.cache.invalidate();
    return c.body(null, 204);
  });

  app.post('/api/commentary/:id/submit', write, async (c) => {
    const id = idOf(c.req.param('id'));
    c.set('audit', { target: `commentary:${id}` });
    return c.json(answer(await workflow.submitCommentary(store, c.get('principal'), id).catch(rethrow), id));
  });

  app.post('/api/commentary/:id/publish', review, async (c) => {
    const id = idOf(c.req.param('id'));
    const body = await parseJsonBody(c, publishBodySchema);
    c.set('audit', { target: `commentary:${id}`, detail: { official: body.official ?? false } });
    const coder = await context.coder();
    const piece = await workflow
      .publishCommentary(store, coder, c.get('principal'), id, body.official ?? false)
      .catch(rethrow);
    context.cache.invalidate();
    return c.json(present(piece));
  });

  app.post('/api/commentary/:id/reject', review, async (c) => {
    const id = idOf(c.req.param('id'));
    const body = await parseJsonBody(c, reasonBodySchema);
    c.set('audit', { target: `commentary:${id}`, detail: { reason: body.reason } });
    return c.json(
      answer(await workflow.rejectCommentary(store, c.get('principal'), id, body.reason).catch(rethrow), id),
    );
  });

  app.post('/api/commentary/:id/unpublish', review, async (c) => {
    const id = idOf(c.req.param('id'));
    const body = await parseJsonBody(c, unpublishBodySchema);
    c.set('audit', { target: `commentary:${id}`, detail: { reason: body.reason ?? null } });
    const piece = await workflow.unpublishCommentary(store, c.get('principal'), id, body.reason ?? null).catch(rethrow);
    context.cache.invalidate();
    return c.json(answer(piece, id));
  });

  app.post('/api/commentary/:id/official', review, async (c) => {
    const id = idOf(c.req.param('id'));
    const body = await parseJsonBody(c, officialBodySchema);
    c.set('audit', { target: `commentary:${id}`, detail: { official: body.official } });
    return c.json(answer(await workflow.markOfficial(store, c.get('principal'), id, body.official).catch(rethrow), id));
  });
}

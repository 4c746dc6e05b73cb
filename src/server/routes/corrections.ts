/**
 * `/api/corrections`: members correct coded events (actors, code, modality, or "not an event") with a reason;
 * anyone reads them with their author. Authors withdraw their own; editors anyone's.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { refusal } from '../../auth/principal.js';
import { CorrectionError, correctEvent, correctionReason } from '../../commentary/corrections.js';
import type { Correction } from '../../store/store.js';
import { requirePermission } from '../auth.js';
import type { AppEnv, ServerContext } from '../context.js';
import { HttpError, notFound } from '../http-error.js';
import { parseJsonBody, parseParam, parseQuery } from '../validate.js';

export const correctionBodySchema = z.object({
  doc: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'a document id sha256:<64 hex>'),
  event: z.number().int().positive(),
  kind: z.enum(['actors', 'code', 'modality', 'not-event']),
  source: z.string().max(20).optional(),
  target: z.string().max(20).optional(),
  cameo: z.string().max(4).optional(),
  modality: z.enum(['asserted', 'intended', 'hypothetical', 'reported']).optional(),
  reason: z.string().trim().min(3).max(2000),
});
export const correctionQuerySchema = z
  .object({
    doc: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();
const idParam = z.coerce.number().int().positive();

/** A correction as the API shows it: its author, kind and reason spelled out. */
export function presentCorrection(correction: Correction) {
  return { ...correction, ...correctionReason(correction) };
}

export function registerCorrectionRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  const { store } = context;

  app.get('/api/corrections', async (c) => {
    const query = parseQuery(c, correctionQuerySchema);
    return c.json({ items: (await store.listCorrections(query.doc)).map(presentCorrection) });
  });

  app.post('/api/corrections', requirePermission('corrections.write'), async (c) => {
    const body = await parseJsonBody(c, correctionBodySchema);
    const principal = c.get('principal');
    c.set('audit', { target: `event:${body.event}`, detail: { doc: body.doc, kind: body.kind } });
    const correction = await correctEvent(store, principal.name, body).catch((error: unknown) => {
      if (error instanceof CorrectionError) throw new HttpError(error.status, error.message);
      throw error;
    });
    context.cache.invalidate();
    c.set('audit', {
      target: `correction:${correction.id}`,
      detail: { doc: body.doc, event: body.event, kind: body.kind },
    });
    return c.json(presentCorrection(correction), 201);
  });

  app.delete('/api/corrections/:id', requirePermission('corrections.write'), async (c) => {
    const id = parseParam('correction id', c.req.param('id'), idParam);
    const principal = c.get('principal');
    c.set('audit', { target: `correction:${id}` });
    const correction = (await store.listCorrections()).find((item) => item.id === id);
    if (correction === undefined) throw notFound(`no correction ${id}`);
    const editor = refusal(principal, 'corrections.remove') === null;
    if (!editor && correction.author !== principal.name) {
      throw new HttpError(403, 'only the author or an editor withdraws a correction');
    }
    await store.removeCorrection(id);
    context.cache.invalidate();
    return c.body(null, 204);
  });
}

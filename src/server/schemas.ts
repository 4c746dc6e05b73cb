/**
 * The API's parameter and body schemas, in one place: routes validate with them and the OpenAPI document is
 * generated from them, so the two cannot drift apart.
 */
import { z } from 'zod';

export const MAX_PAGE_SIZE = 1000;
/** Largest text `/api/analyse` and `/api/ingest` accept, in characters. */
export const MAX_TEXT_LENGTH = 200_000;

/** Whether `YYYY-MM-DD` names a day of the calendar (not 2018-02-30 or 2018-13-01). */
function isCalendarDate(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine(isCalendarDate, 'not a day of the calendar');
const actorCode = z
  .string()
  .regex(/^[A-Za-z0-9]{3,15}$/, 'an actor code is 3 to 15 letters or digits, like PRK or USAGOV')
  .transform((code) => code.toUpperCase());
const dyadKey = z
  .string()
  .regex(/^[A-Za-z0-9]{3,6}-[A-Za-z0-9]{3,6}$/, 'a dyad is two actor codes joined by "-", like USA-PRK')
  .transform((dyad) => dyad.toUpperCase());
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const pageSize = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE);

export const dyadParam = dyadKey;
export const actorParam = actorCode;
export const documentIdParam = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'a document id is sha256: and 64 hex digits');

export const eventQuerySchema = z.strictObject({
  dyad: dyadKey.optional().describe('Country-level dyad SOURCE-TARGET (USA-PRK)'),
  undirected: flag.optional().describe('Both directions of the dyad'),
  actor: actorCode.optional().describe('Actor code prefix, as source or target'),
  source: actorCode.optional(),
  target: actorCode.optional(),
  cameo: z
    .string()
    .regex(/^\d{2,4}$/, 'a CAMEO code is 2 to 4 digits')
    .optional(),
  root: z
    .string()
    .regex(/^\d{2}$/, 'a CAMEO root is 2 digits')
    .optional(),
  plover: z
    .string()
    .regex(/^[A-Za-z_]{2,30}$/)
    .transform((type) => type.toUpperCase())
    .optional(),
  quad: z.coerce.number().int().min(1).max(4).optional().describe('QuadClass 1–4'),
  direction: z.enum(['forward', 'rearward', 'neutral']).optional(),
  modality: z.enum(['asserted', 'intended', 'hypothetical', 'reported']).optional(),
  origin: z.enum(['coded', 'gdelt', 'analyst']).optional(),
  negated: flag.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  doc: documentIdParam.optional(),
  q: z.string().min(2).max(200).optional().describe('Text in the evidence or actor names'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: pageSize.optional().describe(`Page size, default 100, at most ${MAX_PAGE_SIZE}`),
  cursor: z.string().max(500).optional(),
  format: z.enum(['json', 'csv', 'jsonl']).optional().describe('csv and jsonl stream every match as a download'),
});
export type EventQueryParams = z.infer<typeof eventQuerySchema>;

export const documentQuerySchema = z.strictObject({
  q: z.string().min(2).max(200).optional().describe('Text in the title or body (bounded scan)'),
  source: z.string().max(500).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

export const actorQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const dyadListQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const movingQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).optional().describe('Window length, default 7'),
  until: isoDate.optional().describe('Last day, default the newest event'),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const dyadAnalysisQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  resolution: z.enum(['day', 'week', 'month']).optional().describe('Default week'),
});

export const searchQuerySchema = z.strictObject({
  q: z.string().min(2).max(200),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const analyseBodySchema = z
  .strictObject({
    text: z.string().min(1).max(MAX_TEXT_LENGTH).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    title: z.string().max(500).optional(),
    date: isoDate.optional().describe('Publication date, default today'),
  })
  .refine((body) => (body.text === undefined) !== (body.url === undefined), 'give either "text" or "url"');
export type AnalyseBody = z.infer<typeof analyseBodySchema>;

export const feedBodySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  intervalMinutes: z.number().int().min(1).max(10_080).optional(),
  title: z.string().max(500).optional(),
});

export const feedIdParam = z.coerce.number().int().min(1);

/**
 * The OpenAPI 3.1 document at `/api/openapi.json`, generated from the same zod schemas the routes validate with
 * (query parameters and bodies); paths, summaries and responses are listed here once.
 */
import { z } from 'zod';
import { recentQuerySchema } from './routes/live.js';
import {
  actorQuerySchema,
  analyseBodySchema,
  documentQuerySchema,
  dyadAnalysisQuerySchema,
  dyadListQuerySchema,
  eventQuerySchema,
  feedBodySchema,
  movingQuerySchema,
  searchQuerySchema,
} from './schemas.js';

interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Path parameters and their descriptions. */
  params?: Record<string, string>;
  writer?: boolean;
  produces?: string[];
  /** Statuses besides 200 worth listing. */
  statuses?: number[];
}

const dyadParams = { dyad: 'Country-level dyad A-B, like USA-PRK (both directions)' };

const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/healthz', summary: 'The process is up', tag: 'health' },
  {
    method: 'get',
    path: '/readyz',
    summary: 'The store answers and the coder is loaded',
    tag: 'health',
    statuses: [503],
  },
  { method: 'get', path: '/api/stats', summary: 'Counts of documents, events, actors, feeds', tag: 'health' },
  {
    method: 'get',
    path: '/api/documents',
    summary: 'Documents, newest first, or a text search (q)',
    tag: 'documents',
    query: documentQuerySchema,
    statuses: [400],
  },
  {
    method: 'get',
    path: '/api/documents/{id}',
    summary: 'One document with its text, sentences and events',
    tag: 'documents',
    params: { id: 'sha256:<64 hex>' },
    statuses: [400, 404],
  },
  {
    method: 'get',
    path: '/api/events',
    summary: 'Events by filter, cursor-paged; format=csv|jsonl streams all matches',
    tag: 'events',
    query: eventQuerySchema,
    produces: ['application/json', 'text/csv', 'application/x-ndjson'],
    statuses: [400],
  },
  {
    method: 'get',
    path: '/api/actors',
    summary: 'Actors by code prefix or name',
    tag: 'actors',
    query: actorQuerySchema,
    statuses: [400],
  },
  {
    method: 'get',
    path: '/api/actors/{code}',
    summary: 'One actor with its dyads and latest events',
    tag: 'actors',
    params: { code: 'Actor code (PRK, USAGOV)' },
    statuses: [400, 404],
  },
  {
    method: 'get',
    path: '/api/dyads',
    summary: 'The busiest dyads (both directions)',
    tag: 'dyads',
    query: dyadListQuerySchema,
    statuses: [400],
  },
  {
    method: 'get',
    path: '/api/dyads/moving',
    summary: 'Dyads that moved most in the last days, improved and deteriorated',
    tag: 'dyads',
    query: movingQuerySchema,
    statuses: [400],
  },
  {
    method: 'get',
    path: '/api/dyads/{dyad}',
    summary: 'Series, movements, state, reciprocity and patterns of a dyad',
    tag: 'dyads',
    params: dyadParams,
    query: dyadAnalysisQuerySchema,
    statuses: [400, 404],
  },
  {
    method: 'get',
    path: '/api/dyads/{dyad}/series',
    summary: 'The dyad series (level, net, counts per period)',
    tag: 'dyads',
    params: dyadParams,
    query: dyadAnalysisQuerySchema,
    statuses: [400, 404],
  },
  {
    method: 'get',
    path: '/api/dyads/{dyad}/movements',
    summary: 'Forward and rearward movements with their drivers',
    tag: 'dyads',
    params: dyadParams,
    query: dyadAnalysisQuerySchema,
    statuses: [400, 404],
  },
  {
    method: 'get',
    path: '/api/dyads/{dyad}/state',
    summary: 'The state now (thaw, escalation, stable, volatile) and why',
    tag: 'dyads',
    params: dyadParams,
    query: dyadAnalysisQuerySchema,
    statuses: [400, 404],
  },
  {
    method: 'get',
    path: '/api/dyads/{dyad}/reciprocity',
    summary: 'Who answered whom, tit-for-tat, lagged correlation',
    tag: 'dyads',
    params: dyadParams,
    query: dyadAnalysisQuerySchema,
    statuses: [400, 404],
  },
  {
    method: 'get',
    path: '/api/search',
    summary: 'Actors, documents and events matching a text',
    tag: 'search',
    query: searchQuerySchema,
    statuses: [400],
  },
  {
    method: 'post',
    path: '/api/analyse',
    summary: 'Code a text or a page now, without storing it',
    tag: 'ingest',
    body: analyseBodySchema,
    statuses: [400, 413, 415, 422],
  },
  {
    method: 'post',
    path: '/api/ingest',
    summary: 'Code, store and publish a text or a page (201; 200 if already stored)',
    tag: 'ingest',
    body: analyseBodySchema,
    writer: true,
    statuses: [201, 400, 401, 413, 415, 422],
  },
  { method: 'get', path: '/api/feeds', summary: 'Feeds the server polls', tag: 'feeds', writer: true, statuses: [401] },
  {
    method: 'post',
    path: '/api/feeds',
    summary: 'Add a feed',
    tag: 'feeds',
    body: feedBodySchema,
    writer: true,
    statuses: [201, 400, 401, 409, 415],
  },
  {
    method: 'delete',
    path: '/api/feeds/{id}',
    summary: 'Remove a feed',
    tag: 'feeds',
    params: { id: 'Feed id' },
    writer: true,
    statuses: [204, 401, 404],
  },
  {
    method: 'post',
    path: '/api/feeds/{id}/poll',
    summary: 'Poll a feed now and publish what is new',
    tag: 'feeds',
    params: { id: 'Feed id' },
    writer: true,
    statuses: [401, 404],
  },
  {
    method: 'get',
    path: '/api/live',
    summary: 'Server-Sent Events: event, movement, document; resume with Last-Event-ID',
    tag: 'live',
    produces: ['text/event-stream'],
  },
  {
    method: 'get',
    path: '/api/live/recent',
    summary: 'The newest live messages as JSON',
    tag: 'live',
    query: recentQuerySchema,
    statuses: [400],
  },
];

/** Accounts, commentary and corrections (issue 6); bodies are described in docs/security.md and docs/api.md. */
const MEMBER_ROUTES: RouteDoc[] = [
  ['get', '/api/auth/me', 'Who is signed in, their permissions and the CSRF token to echo', 'auth'],
  ['post', '/api/auth/login', 'Sign in with username and password (429 throttled, 423 locked)', 'auth'],
  ['post', '/api/auth/logout', 'End this session', 'auth'],
  ['post', '/api/auth/logout-all', 'End every session of the signed-in user', 'auth'],
  ['post', '/api/auth/password', 'Change the password (ends other sessions)', 'auth'],
  ['get', '/api/tokens', 'Personal API tokens of the signed-in user', 'auth'],
  ['post', '/api/tokens', 'New personal API token (shown once), scoped', 'auth'],
  ['delete', '/api/tokens/{id}', 'Revoke a personal API token', 'auth'],
  ['get', '/api/users', 'Accounts (admins)', 'admin'],
  ['post', '/api/users', 'Add an account (admins)', 'admin'],
  ['patch', '/api/users/{id}', 'Change role, disable, unlock, set password (admins)', 'admin'],
  ['get', '/api/audit', 'The audit log, newest first (admins)', 'admin'],
  [
    'get',
    '/api/commentary',
    'Published commentary (dyad=), own pieces (mine=true), review queue (editors)',
    'commentary',
  ],
  ['post', '/api/commentary', 'New draft (members and above)', 'commentary'],
  ['get', '/api/commentary/{id}', 'One piece, as its reader may see it', 'commentary'],
  ['patch', '/api/commentary/{id}', 'Edit an own draft', 'commentary'],
  ['delete', '/api/commentary/{id}', 'Delete an own unpublished piece, or any piece (editors)', 'commentary'],
  ['post', '/api/commentary/{id}/submit', 'Submit an own piece for review', 'commentary'],
  [
    'post',
    '/api/commentary/{id}/publish',
    'Publish and code the piece (editors); official=true for the club position',
    'commentary',
  ],
  ['post', '/api/commentary/{id}/reject', 'Reject with a reason (editors)', 'commentary'],
  ['post', '/api/commentary/{id}/unpublish', 'Unpublish and remove its analyst events (editors)', 'commentary'],
  ['post', '/api/commentary/{id}/official', "Mark or unmark as the club's official position (editors)", 'commentary'],
  ['get', '/api/corrections', 'Corrections with author and reason (doc=)', 'corrections'],
  ['post', '/api/corrections', 'Correct an event: actors, code, modality or not-event, with a reason', 'corrections'],
  ['delete', '/api/corrections/{id}', 'Withdraw a correction (its author, or editors)', 'corrections'],
].map(([method, path, summary, tag]) => ({
  method: method as RouteDoc['method'],
  path: path as string,
  summary: summary as string,
  tag: tag as string,
  ...(method === 'get' && tag !== 'admin' ? {} : { writer: true, statuses: [400, 401, 403, 404] }),
  ...(path?.includes('{id}') ? { params: { id: 'numeric id' } } : {}),
}));
ROUTES.push(...MEMBER_ROUTES);

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'Bad parameters (the message names them)',
  401: 'Not signed in (session cookie or bearer token)',
  403: 'Signed in but not allowed (role, scope, CSRF or cross-site)',
  423: 'Account locked after repeated failed logins',
  429: 'Too many failed logins; see Retry-After',
  404: 'Not found',
  409: 'Already there',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'The text or page could not be used',
  503: 'Not ready',
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function queryParameters(schema: z.ZodType): unknown[] {
  const object = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: 'query',
      required: object.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function operation(route: RouteDoc): Record<string, unknown> {
  const parameters = [
    ...Object.entries(route.params ?? {}).map(([name, description]) => ({
      name,
      in: 'path',
      required: true,
      description,
      schema: { type: 'string' },
    })),
    ...(route.query ? queryParameters(route.query) : []),
  ];
  const responses: Record<string, unknown> = {};
  for (const status of [200, ...(route.statuses ?? [])]) {
    if (status === 200 && route.statuses?.some((s) => s === 201 || s === 204) && route.method !== 'post') continue;
    const content =
      status >= 400
        ? { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
        : Object.fromEntries((route.produces ?? ['application/json']).map((type) => [type, {}]));
    responses[String(status)] = {
      description: STATUS_TEXT[status] ?? String(status),
      ...(status === 204 ? {} : { content }),
    };
  }
  return {
    summary: route.summary,
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: jsonSchema(route.body) },
              ...(route.tag === 'ingest' ? { 'text/plain': { schema: { type: 'string' } } } : {}),
            },
          },
        }
      : {}),
    ...(route.writer ? { security: [{ bearer: [] }, {}] } : {}),
    responses,
  };
}

let cached: Record<string, unknown> | null = null;

/** The OpenAPI document (built once). */
export function openApiDocument(): Record<string, unknown> {
  if (cached !== null) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation(route);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'dyadwatch API',
      version: '0.1.0',
      description:
        "Coded events (who did what to whom), dyad series and movements, members' commentary and corrections, and " +
        'the live stream. Reading is open; writing needs a session (cookie plus X-CSRF-Token) or a bearer token (a ' +
        'personal API token, or DYADWATCH_API_TOKEN as the admin bootstrap). See docs/api.md and docs/security.md.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['status', 'message'],
              properties: { status: { type: 'integer' }, message: { type: 'string' }, requestId: { type: 'string' } },
            },
          },
        },
      },
    },
  };
  return cached;
}

export const DOCUMENTED_ROUTES = ROUTES.map((route) => `${route.method.toUpperCase()} ${route.path}`);

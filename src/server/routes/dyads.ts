/**
 * `/api/dyads`: the busiest dyads, the dyads moving most in a recent window, and per dyad its series, movements,
 * state and reciprocity (all from `src/analysis`, see `dyad-analysis.ts`).
 */
import type { Context, Hono } from 'hono';
import type { DyadAnalysis } from '../../analysis/index.js';
import { addDays } from '../../analysis/periods.js';
import { rankDyads } from '../../analysis/rank.js';
import { type DyadSeries, seriesFromRollups } from '../../analysis/series.js';
import type { AppEnv, ServerContext } from '../context.js';
import { pairTag, type ServedDyadAnalysis, splitDyad } from '../dyad-analysis.js';
import { badRequest } from '../http-error.js';
import { dyadAnalysisQuerySchema, dyadListQuerySchema, dyadParam, movingQuerySchema } from '../schemas.js';
import { seriesJsonText } from '../series-json.js';
import { parseParam, parseQuery } from '../validate.js';

/** The cache tag of a dyad parameter (`USA-PRK`): answers about it are dropped when its pair gets events. */
function dyadTag(dyad: string): string {
  const { a, b } = splitDyad(dyad);
  return pairTag(a, b);
}

/** Most recent responses listed per direction in the reciprocity answer. */
const MAX_MOVES = 100;

function reciprocityJson(analysis: DyadAnalysis) {
  const { aToB, bToA, ...rest } = analysis.reciprocity;
  const trim = (side: typeof aToB) => ({ ...side, moves: side.moves.slice(-MAX_MOVES), totalMoves: side.moves.length });
  return { aToB: trim(aToB), bToA: trim(bToA), ...rest };
}

function head(served: ServedDyadAnalysis) {
  return { dyad: served.dyad, a: served.a, b: served.b, basis: served.basis, events: served.events };
}

export function registerDyadRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  const analysed = (c: Context<AppEnv>) => {
    const dyad = parseParam('dyad', c.req.param('dyad'), dyadParam);
    const params = parseQuery(c, dyadAnalysisQuerySchema);
    if (params.from && params.to && params.from > params.to) throw badRequest('from is after to');
    const key = `dyad:${dyad}:${params.from ?? ''}:${params.to ?? ''}:${params.resolution ?? 'week'}`;
    return context.cache.get(key, () => context.reads.analysis({ dyad, ...params }), [
      dyadTag(dyad),
    ]) as Promise<ServedDyadAnalysis>;
  };

  app.get('/api/dyads', async (c) => {
    const params = parseQuery(c, dyadListQuerySchema);
    const items = await context.store.topDyads({
      undirected: true,
      limit: params.limit ?? 20,
      ...(params.from ? { from: params.from } : {}),
      ...(params.to ? { to: params.to } : {}),
    });
    return c.json({ items });
  });

  app.get('/api/dyads/moving', async (c) => {
    const params = parseQuery(c, movingQuerySchema);
    const days = params.days ?? 7;
    const until = params.until ?? (await context.store.queryEvents({ order: 'desc', limit: 1 })).items[0]?.date;
    if (until === undefined) return c.json({ since: null, until: null, movedMost: [], improved: [], deteriorated: [] });
    const key = `moving:${days}:${until}:${params.limit ?? 10}`;
    const ranking = await context.cache.get(key, async () => {
      const since = addDays(until, -(days - 1));
      const from = addDays(since, -days);
      const candidates = await context.store.topDyads({ undirected: true, from, to: until, limit: 100 });
      const series: DyadSeries[] = [];
      for (const candidate of candidates) {
        const rows = await context.store.dyadSeries({ dyad: candidate.dyad, undirected: true, from, to: until });
        const { a, b } = splitDyad(candidate.dyad);
        series.push(seriesFromRollups(rows, { dyad: { a, b, direction: 'both' }, resolution: 'day', from, to: until }));
      }
      const ranked = rankDyads(series, { since, until, minReports: 1, top: params.limit ?? 10 });
      const flatten = (list: typeof ranked.movedMost) =>
        list.map(({ dyad, ...change }) => ({ ...change, dyad: `${dyad.a}-${dyad.b}`, a: dyad.a, b: dyad.b }));
      return {
        since,
        until,
        movedMost: flatten(ranked.movedMost),
        improved: flatten(ranked.improved),
        deteriorated: flatten(ranked.deteriorated),
      };
    });
    return c.json(ranking);
  });

  app.get('/api/dyads/:dyad', async (c) => {
    const served = await analysed(c);
    const { analysis } = served;
    const rest = JSON.stringify({
      movements: analysis.movements,
      state: analysis.state,
      reciprocity: reciprocityJson(analysis),
      patterns: analysis.patterns,
    });
    const body = `${JSON.stringify(head(served)).slice(0, -1)},"series":${seriesJsonText(analysis.series)},"aToB":${seriesJsonText(analysis.aToB)},"bToA":${seriesJsonText(analysis.bToA)},${rest.slice(1)}`;
    return c.body(body, 200, { 'content-type': 'application/json' });
  });

  app.get('/api/dyads/:dyad/series', async (c) => {
    const dyad = parseParam('dyad', c.req.param('dyad'), dyadParam);
    const params = parseQuery(c, dyadAnalysisQuerySchema);
    if (params.from && params.to && params.from > params.to) throw badRequest('from is after to');
    const key = `series:${dyad}:${params.from ?? ''}:${params.to ?? ''}:${params.resolution ?? 'week'}`;
    // The answer is cached as its UTF-8 JSON: a long series is some 200 KB, and serialising it again for every
    // request cost more than everything else the request does (see bench/api.bench.ts).
    const body = (await context.cache.get(key, () => context.reads.seriesJson({ dyad, ...params }), [
      dyadTag(dyad),
    ])) as Uint8Array<ArrayBuffer>;
    return c.body(body, 200, { 'content-type': 'application/json' });
  });

  app.get('/api/dyads/:dyad/movements', async (c) => {
    const served = await analysed(c);
    return c.json({ ...head(served), movements: served.analysis.movements });
  });

  app.get('/api/dyads/:dyad/state', async (c) => {
    const served = await analysed(c);
    return c.json({ ...head(served), state: served.analysis.state });
  });

  app.get('/api/dyads/:dyad/reciprocity', async (c) => {
    const served = await analysed(c);
    return c.json({ ...head(served), reciprocity: reciprocityJson(served.analysis) });
  });
}

/**
 * A dyad series as JSON text, written by hand. Ten years of weeks are some 520 points of 20 fields each, and a
 * series the cache has not seen is mostly this text: `JSON.stringify` of the point objects took as long as reading
 * and summing the periods (0.75 ms of a 2.6 ms request at 1 M events), and wrote sums with their float noise
 * (`26.200000000000003`). The points' shape is fixed (`SeriesPoint`), so a template per point is safe and about
 * twice as fast; the answer is the same JSON with every fractional number rounded to three decimals, which
 * no chart or comparison of Goldstein sums can tell apart (weights have one decimal, modality weights two).
 */
import type { DyadSeries, SeriesPoint } from '../analysis/series.js';

/**
 * A number as JSON, rounded to three decimals; `-0` prints as `0` and a non-finite number as `null`, as
 * `JSON.stringify` does. The digits are written from the integer count of thousandths: printing the rounded
 * double (`String(Math.round(v * 1000) / 1000)`) was three times slower, and a series has ten such numbers a point.
 */
function num(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return 'null';
  if (Math.abs(value) >= 1e12) return String(Math.round(value));
  const thousandths = Math.round(value * 1000);
  if (thousandths % 1000 === 0) return String(thousandths / 1000);
  const magnitude = Math.abs(thousandths);
  const whole = Math.floor(magnitude / 1000);
  const fraction = magnitude - whole * 1000;
  // Three digits, trailing zeros dropped: 50 → "05", 500 → "5", 7 → "007".
  const digits = fraction < 10 ? `00${fraction}` : fraction < 100 ? `0${fraction}` : String(fraction);
  const trimmed = digits.endsWith('00') ? digits.slice(0, 1) : digits.endsWith('0') ? digits.slice(0, 2) : digits;
  return `${thousandths < 0 ? '-' : ''}${whole}.${trimmed}`;
}

/** A string known to need no escaping (dates, period keys, actor codes) as JSON. */
function plain(text: string): string {
  return `"${text}"`;
}

/** The fields every point has. */
function pointCore(p: SeriesPoint): string {
  return (
    `{"key":${plain(p.key)},"start":${plain(p.start)},"end":${plain(p.end)},"reports":${p.reports},` +
    `"mentions":${p.mentions},"quad":[${p.quad[0]},${p.quad[1]},${p.quad[2]},${p.quad[3]}],` +
    `"forward":${p.forward},"rearward":${p.rearward},"neutral":${p.neutral},"goldsteinSum":${num(p.goldsteinSum)},` +
    `"goldsteinMean":${p.goldsteinMean === null ? 'null' : num(p.goldsteinMean)},"cooperative":${num(p.cooperative)},` +
    `"conflictual":${num(p.conflictual)},"net":${num(p.net)},"level":${num(p.level)}`
  );
}

/** A point of a series built from events: with its modality shares and its documents and publishers. */
function eventPointJson(p: SeriesPoint): string {
  const m = p.modality;
  return (
    `${pointCore(p)},"modality":{"conditional":${num(m.conditional)},"intended":${num(m.intended)},` +
    `"negated":${num(m.negated)},"hypothetical":${num(m.hypothetical)},"reported":${num(m.reported)}},` +
    `"docs":${p.docs},"publishers":${p.publishers}}`
  );
}

/** A point of a roll-up series: the roll-up keeps no modality, documents or publishers, so they are left out. */
function rollupPointJson(p: SeriesPoint): string {
  return `${pointCore(p)}}`;
}

/**
 * The series without its reports (the API lists events on their own pages), as JSON text. Points of a roll-up
 * series (`weighted: false`) have no `modality`, `docs` or `publishers`: zeros there would claim what the
 * roll-up cannot know, and they were a quarter of a ten-year series' bytes.
 */
export function seriesJsonText(series: DyadSeries): string {
  const pointJson = series.weighted ? eventPointJson : rollupPointJson;
  let points = '';
  for (let i = 0; i < series.points.length; i++)
    points += (i === 0 ? '' : ',') + pointJson(series.points[i] as SeriesPoint);
  return (
    `{"dyad":${JSON.stringify(series.dyad)},"resolution":${plain(series.resolution)},"from":${plain(series.from)},` +
    `"to":${plain(series.to)},"halfLifeDays":${num(series.halfLifeDays)},"points":[${points}],"weighted":${series.weighted}}`
  );
}

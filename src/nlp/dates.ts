/**
 * Date expressions with chrono-node, resolved against the document date ("On 23rd of May" in a 2018 text is
 * 2018-05-23). News reports the past: a bare weekday ("on Saturday") means the latest such day on or before
 * the document date, unless the sentence looks ahead ("next Saturday", "will … on Saturday").
 */
import * as chrono from 'chrono-node';

// Cheap gate: chrono is the slowest step of the coder, so it runs only where a date word is present.
const DATE_CUE =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(yesterday|today|tonight|tomorrow|last|next|ago)\b|\b\d{4}-\d{2}-\d{2}\b/i;
const LOOKS_AHEAD = /\b(next|will|shall|tomorrow|upcoming|coming)\b/i;

export function resolveDate(sentence: string, documentDate: string): string | null {
  if (!DATE_CUE.test(sentence)) return null;
  const reference = isoToDate(documentDate);
  if (!reference) return null;
  const results = chrono.parse(sentence, { instant: reference, timezone: 0 }, { forwardDate: false });
  const first = results[0];
  if (!first) return null;
  const { start } = first;
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (!year || !month || !day) return null;
  let date = new Date(Date.UTC(year, month - 1, day));
  const isWeekdayOnly = start.isCertain('weekday') && !start.isCertain('day');
  if (isWeekdayOnly && date > reference && !LOOKS_AHEAD.test(first.text + sentence)) {
    date = new Date(date.getTime() - 7 * 86_400_000);
  }
  return date.toISOString().slice(0, 10);
}

function isoToDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

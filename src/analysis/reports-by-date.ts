/**
 * Reports in date order and the first one on or after a day: how the analyses that look a few days around each
 * report (answers to a move, an offer near a threat) find their window without a pass over every report.
 */
import type { Report } from './dedup.js';

/** A copy of `reports` in date order; reports of one day keep their order (the sort is stable). */
export function reportsByDate(reports: readonly Report[]): Report[] {
  return [...reports].sort((x, y) => (x.event.date < y.event.date ? -1 : x.event.date > y.event.date ? 1 : 0));
}

/** The index of the first report dated `date` or later in date-ordered `reports`. */
export function firstOnOrAfter(reports: readonly Report[], date: string): number {
  let low = 0;
  let high = reports.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((reports[middle]?.event.date ?? '') < date) low = middle + 1;
    else high = middle;
  }
  return low;
}

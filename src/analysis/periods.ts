/**
 * Calendar arithmetic for dyad series: ISO dates as whole UTC day numbers, and the day / ISO-week / month
 * buckets a series is cut into. Everything is integer day math in UTC, so a series never shifts with the
 * machine's time zone or with daylight saving.
 */

/** How finely a series is cut: one point per day, per ISO week (Monday to Sunday), or per calendar month. */
export type Resolution = 'day' | 'week' | 'month';

/** One bucket of a series: its key (`2018-05-23`, `2018-W21`, `2018-05`) and its first and last day. */
export interface Period {
  key: string;
  /** First day, ISO `YYYY-MM-DD`. */
  start: string;
  /** Last day (inclusive), ISO `YYYY-MM-DD`. */
  end: string;
}

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 for an ISO date; throws on anything that is not a real `YYYY-MM-DD` date. Integer
 * arithmetic (Hinnant's days-from-civil), no `Date` objects: series over ten years call this per row.
 */
export function dayNumber(date: string): number {
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (year < 0 || month < 0 || day < 0 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new Error(`analysis: "${date}" is not an ISO date (YYYY-MM-DD)`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`analysis: "${date}" is not a calendar date`);
  }
  const shifted = month <= 2 ? year - 1 : year;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The number in `text[from, to)` if it is all ASCII digits, else -1. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index) - 48;
    if (!(code >= 0 && code <= 9)) return -1;
    value = value * 10 + code;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The ISO date of a day number (inverse of `dayNumber`; Hinnant's civil-from-days). */
export function dateOfDay(dayIndex: number): string {
  const shifted = dayIndex + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Adds whole days to an ISO date: `addDays('2018-02-28', 1)` → `'2018-03-01'`. */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The ISO 8601 week of a day: the week belongs to the year of its Thursday, so 2018-12-31 is `2019-W01`
 * and 2021-01-03 is `2020-W53`.
 */
export function isoWeek(day: number): { year: number; week: number; monday: number } {
  const monday = day - weekdayIndex(day);
  const thursday = monday + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const firstDay = Math.round(Date.UTC(year, 0, 1) / MS_PER_DAY);
  const week = Math.floor((thursday - firstDay) / 7) + 1;
  return { year, week, monday };
}

/** The first day of the period that contains `day`. */
export function periodStartDay(day: number, resolution: Resolution): number {
  if (resolution === 'day') return day;
  if (resolution === 'week') return day - weekdayIndex(day);
  const date = new Date(day * MS_PER_DAY);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY);
}

/** The first day of the period after the one starting on `startDay`. */
function nextPeriodStartDay(startDay: number, resolution: Resolution): number {
  if (resolution === 'day') return startDay + 1;
  if (resolution === 'week') return startDay + 7;
  const date = new Date(startDay * MS_PER_DAY);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / MS_PER_DAY);
}

/** The key of the period starting on `startDay`. */
function periodKey(startDay: number, resolution: Resolution): string {
  const date = dateOfDay(startDay);
  if (resolution === 'day') return date;
  if (resolution === 'month') return date.slice(0, 7);
  const { year, week } = isoWeek(startDay);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period containing an ISO date: `periodOf('2019-02-28', 'week')` → `{ key: '2019-W09', … }`. */
export function periodOf(date: string, resolution: Resolution): Period {
  const start = periodStartDay(dayNumber(date), resolution);
  const next = nextPeriodStartDay(start, resolution);
  return { key: periodKey(start, resolution), start: dateOfDay(start), end: dateOfDay(next - 1) };
}

/**
 * Weeks and months already built, by first day: a calendar fact, the same for every series, while building one
 * (an ISO week's key needs a `Date`) was half the cost of a ten-year weekly series from the roll-up. Days are
 * not kept: a daily series builds each day with one conversion, and there are too many of them to hold. The
 * memo is bounded (some 50 centuries of weeks, cleared when full), so odd ranges cannot grow it without end.
 */
const builtPeriods = { week: new Map<number, Period>(), month: new Map<number, Period>() };
const MAX_BUILT_PERIODS = 250_000;

/** The period starting on `start` (a period's first day), built once per process for weeks and months. */
function periodStartingOn(start: number, resolution: Resolution): Period {
  if (resolution === 'day') {
    const date = dateOfDay(start);
    return { key: date, start: date, end: date };
  }
  const built = builtPeriods[resolution];
  let period = built.get(start);
  if (period === undefined) {
    const next = nextPeriodStartDay(start, resolution);
    period = Object.freeze({ key: periodKey(start, resolution), start: dateOfDay(start), end: dateOfDay(next - 1) });
    if (built.size >= MAX_BUILT_PERIODS) built.clear();
    built.set(start, period);
  }
  return period;
}

/**
 * Every period that overlaps `[from, to]` (inclusive), in order; empty when `to` is before `from`.
 * The first and last periods are whole periods even when `from`/`to` fall inside them. Week and month periods
 * are shared, frozen objects.
 */
export function enumeratePeriods(from: string, to: string, resolution: Resolution): Period[] {
  const last = dayNumber(to);
  const periods: Period[] = [];
  for (let start = periodStartDay(dayNumber(from), resolution); start <= last; ) {
    periods.push(periodStartingOn(start, resolution));
    start = nextPeriodStartDay(start, resolution);
  }
  return periods;
}

/** Nominal length of a period in days, for converting half-lives and windows given in days. */
export function nominalDays(resolution: Resolution): number {
  return resolution === 'day' ? 1 : resolution === 'week' ? 7 : 30.44;
}

/**
 * Parses a relative or absolute start: `30d`, `12w`, `6m`, `1y` before `today`, or an ISO date / month.
 * `resolveSince('30d', '2018-06-30')` → `'2018-05-31'`.
 */
export function resolveSince(since: string, today: string): string {
  const relative = /^(\d+)([dwmy])$/.exec(since.trim());
  if (relative) {
    const amount = Number(relative[1]);
    const unit = relative[2];
    if (unit === 'd') return addDays(today, -amount);
    if (unit === 'w') return addDays(today, -7 * amount);
    const date = new Date(dayNumber(today) * MS_PER_DAY);
    const months = unit === 'm' ? amount : 12 * amount;
    // Clamp to the month's last day: a month before 31 March is 28 (or 29) February, not 3 March.
    const firstOfTarget = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1);
    const lastOfTarget = dayNumber(endOfMonth(dateOfDay(Math.round(firstOfTarget / MS_PER_DAY))));
    return dateOfDay(Math.min(Math.round(firstOfTarget / MS_PER_DAY) + date.getUTCDate() - 1, lastOfTarget));
  }
  if (/^\d{4}-\d{2}$/.test(since)) return `${since}-01`;
  dayNumber(since);
  return since.slice(0, 10);
}

/** The last day of a month given as `YYYY-MM` or of the month of an ISO date. */
export function endOfMonth(month: string): string {
  return periodOf(month.length === 7 ? `${month}-01` : month, 'month').end;
}

/**
 * A date bound as people type it: `2018` / `2018-05` / `2018-05-24`, as the first day (`end` false) or the last
 * day (`end` true) it covers. `dateBound('2019-02', true)` → `'2019-02-28'`.
 */
export function dateBound(value: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    dayNumber(value);
    return value;
  }
  if (/^\d{4}-\d{2}$/.test(value)) return end ? endOfMonth(value) : `${value}-01`;
  if (/^\d{4}$/.test(value)) return end ? `${value}-12-31` : `${value}-01-01`;
  throw new Error(`"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`);
}

import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOfDay,
  dayNumber,
  endOfMonth,
  enumeratePeriods,
  isoWeek,
  periodOf,
  resolveSince,
} from '../../src/analysis/periods.js';

describe('periods', () => {
  it('puts days at the turn of the year in the ISO week of their Thursday', () => {
    expect(periodOf('2018-12-31', 'week').key).toBe('2019-W01');
    expect(periodOf('2021-01-03', 'week').key).toBe('2020-W53');
    expect(periodOf('2021-01-04', 'week').key).toBe('2021-W01');
    expect(periodOf('2016-01-01', 'week').key).toBe('2015-W53');
    expect(isoWeek(dayNumber('2019-02-28')).week).toBe(9);
  });

  it('gives weeks from Monday to Sunday and months with their real lengths', () => {
    expect(periodOf('2018-05-24', 'week')).toEqual({ key: '2018-W21', start: '2018-05-21', end: '2018-05-27' });
    expect(periodOf('2020-02-10', 'month')).toEqual({ key: '2020-02', start: '2020-02-01', end: '2020-02-29' });
    expect(periodOf('2019-02-10', 'month').end).toBe('2019-02-28');
    expect(endOfMonth('2018-05')).toBe('2018-05-31');
  });

  it('enumerates whole periods across a year boundary and returns nothing for an inverted range', () => {
    const weeks = enumeratePeriods('2020-12-25', '2021-01-12', 'week').map((period) => period.key);
    expect(weeks).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
    expect(enumeratePeriods('2018-01-31', '2018-03-01', 'month').map((period) => period.key)).toEqual([
      '2018-01',
      '2018-02',
      '2018-03',
    ]);
    expect(enumeratePeriods('2018-01-05', '2018-01-04', 'day')).toEqual([]);
    expect(enumeratePeriods('2018-01-05', '2018-01-05', 'day')).toHaveLength(1);
  });

  it('agrees with Date on day numbers from 1900 to 2100', () => {
    for (let day = -25_567; day < 47_482; day += 13) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(dayNumber(date)).toBe(day);
      expect(dateOfDay(day)).toBe(date);
    }
  });

  it('does day arithmetic in UTC and rejects impossible dates', () => {
    expect(addDays('2018-02-28', 1)).toBe('2018-03-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(() => dayNumber('2018-02-30')).toThrow(/not a calendar date/);
    expect(() => dayNumber('May 2018')).toThrow(/not an ISO date/);
    expect(() => dayNumber('2018-13-01')).toThrow(/not a calendar date/);
    expect(() => dayNumber('2019-02-29')).toThrow(/not a calendar date/);
    expect(dayNumber('2020-02-29')).toBe(dayNumber('2020-03-01') - 1);
  });

  it('resolves relative and absolute starts', () => {
    expect(resolveSince('30d', '2018-06-30')).toBe('2018-05-31');
    expect(resolveSince('2w', '2018-06-30')).toBe('2018-06-16');
    expect(resolveSince('1m', '2018-03-31')).toBe('2018-02-28');
    expect(resolveSince('1y', '2019-02-28')).toBe('2018-02-28');
    expect(resolveSince('2018-05', '2018-06-30')).toBe('2018-05-01');
    expect(resolveSince('2018-05-04', '2018-06-30')).toBe('2018-05-04');
  });
});

/**
 * The whole periods of a pair, read once per connection until the data changes: for a read-only SQLite
 * connection (the server's read threads), where every change is another connection's commit and moves
 * `PRAGMA data_version`. Reading a busy pair's ten years of weeks is some 520 rows (0.7 ms); with this, a new
 * range of a pair asked before (a chart ending on another day) filters rows in memory. A writing connection must
 * not use it: its own commits do not move its data version.
 */

import type { Queryable } from './driver.js';
import { FIRST_DAY, LAST_DAY, type PeriodResolution, readPeriods } from './dyad-periods.js';
import type { DyadPeriod } from './store.js';

/** Reads the whole periods of a pair with `start` in [from, to] (as `readPeriods`). */
export type WholePeriodReader = (
  sideA: string,
  sideB: string,
  resolution: PeriodResolution,
  from: string,
  to: string,
) => Promise<readonly DyadPeriod[]>;

/** Pairs kept (two resolutions each at most); the memo starts over when full. */
const MAX_PAIRS = 2_000;

export class PeriodMemo {
  #mark: number | null = null;
  readonly #pairs = new Map<string, Promise<readonly DyadPeriod[]>>();

  constructor(
    private readonly db: Queryable,
    private readonly changeMark: () => Promise<number | null>,
  ) {}

  /**
   * `readPeriods` from the memo: the periods are shared by every answer until the data changes (not frozen:
   * reading frozen periods made a series three times slower). A period's first day with events orders and
   * bounds the periods as its `start` does.
   */
  readonly read: WholePeriodReader = async (sideA, sideB, resolution, from, to) => {
    const mark = await this.changeMark();
    if (mark !== this.#mark) {
      this.#pairs.clear();
      this.#mark = mark;
    }
    const key = `${sideA}\t${sideB}\t${resolution}`;
    let rows = this.#pairs.get(key);
    if (rows === undefined) {
      if (this.#pairs.size >= MAX_PAIRS) this.#pairs.clear();
      rows = readPeriods(this.db, sideA, sideB, resolution, FIRST_DAY, LAST_DAY);
      rows.catch(() => this.#pairs.delete(key));
      this.#pairs.set(key, rows);
    }
    const all = await rows;
    // `from` is a period's first day and `to` a period's last (or open ends), so a whole period lies inside
    // exactly when its first day with events does.
    const first = lowerBound(all, from);
    const end = lowerBound(all, `${to}\uffff`);
    return all.slice(first, end);
  };
}

/** The index of the first period whose first day with events is at least `day`. */
function lowerBound(rows: readonly DyadPeriod[], day: string): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((rows[middle]?.day ?? '') < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

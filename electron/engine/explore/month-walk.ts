// The dated days of a selection in order, month by month: a month the range covers whole is handed over
// as its rollup (when the caller can use one), the rest day slice by day slice. Metrics, facets and
// trends walk the same way, so they agree on which months read rollups.
//
// Facets and trends need from a month only what its rollup keeps per day (events and volume per day,
// attribute set and product; which days each row had events and successes), so they can also read a
// month the range covers in part: its rollup with the days outside the range masked off, when that is
// less to read than the month's events inside the range.
import { monthEndOf, monthStartOf, type DaySlice, type EventIndex } from './event-index.js';
import type { MonthRollup } from './month-rollups.js';
import { dayRange, type Selection } from './selection.js';

export interface MonthVisitor {
  /** `days`: bit d - 1 for each day d of the month inside the range; `whole` when that is every day of it. */
  rollup(r: MonthRollup, days: number, whole: boolean): void;
  slice(slice: DaySlice, day: number): void;
}

/** Which months a walk may hand over as rollups. */
export type RollupUse = 'none' | 'whole months' | 'any month';

/** Bits of days first..last (day numbers) of the month starting on monthStart. */
function dayBits(monthStart: number, first: number, last: number): number {
  const lo = first - monthStart;
  const n = last - first + 1;
  return n >= 31 ? 0x7fffffff : ((1 << n) - 1) << lo;
}

/** Walks the selection's dated days (undated events are the caller's). */
export function walkMonths(index: EventIndex, sel: Selection, use: RollupUse, visit: MonthVisitor): void {
  const [first, end] = dayRange(index, sel);
  for (let p = first; p < end; ) {
    const start = monthStartOf(index.days[p]);
    const last = monthEndOf(index.days[p]);
    let q = p;
    while (q < end && index.days[q] <= last) q++;
    const from = sel.fromDay === null ? start : Math.max(start, sel.fromDay);
    const to = sel.toDay === null ? last : Math.min(last, sel.toDay);
    const whole = from === start && to === last;
    let rollup: MonthRollup | null = null;
    if (whole && use !== 'none') rollup = index.monthRollup(start, index.dayPos(start), index.dayPos(last + 1));
    else if (use === 'any month') {
      const built = index.builtRollup(start);
      let events = 0;
      for (let k = p; k < q; k++) for (const s of index.slices[k]) events += s.hi - s.lo;
      if (built && events > built.rows + built.days.rows) rollup = built;
    }
    if (rollup) visit.rollup(rollup, dayBits(start, from, to), whole);
    else for (let k = p; k < q; k++) for (const s of index.slices[k]) visit.slice(s, index.days[k]);
    p = q;
  }
}

// The dated days of a selection in order, month by month: a month the range covers whole is handed over
// as its rollup (when the caller can use one), the rest day slice by day slice. Metrics, facets and
// trends walk the same way, so they agree on which months read rollups.
import { monthEndOf, monthStartOf, type DaySlice, type EventIndex } from './event-index.js';
import type { MonthRollup } from './month-rollups.js';
import { dayRange, type Selection } from './selection.js';

export interface MonthVisitor {
  rollup(r: MonthRollup): void;
  slice(slice: DaySlice, day: number): void;
}

/** Walks the selection's dated days (undated events are the caller's); rollups only when `rollups` is true. */
export function walkMonths(index: EventIndex, sel: Selection, rollups: boolean, visit: MonthVisitor): void {
  const [first, end] = dayRange(index, sel);
  for (let p = first; p < end; ) {
    const start = monthStartOf(index.days[p]);
    const last = monthEndOf(index.days[p]);
    let q = p;
    while (q < end && index.days[q] <= last) q++;
    const whole = (sel.fromDay === null || sel.fromDay <= start) && (sel.toDay === null || sel.toDay >= last);
    const rollup = whole && rollups ? index.monthRollup(start, index.dayPos(start), index.dayPos(last + 1)) : null;
    if (rollup) visit.rollup(rollup);
    else for (let k = p; k < q; k++) for (const s of index.slices[k]) visit.slice(s, index.days[k]);
    p = q;
  }
}

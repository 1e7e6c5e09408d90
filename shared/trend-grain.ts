// The trend's grain follows the range it shows: days up to about two months, weeks up to about a
// year, months beyond (an open end reads the first or last date with data).
import type { DimensionsResponse, TrendGrain } from './exploring.js';
import { dayNumber, type MetricFilter } from './filter.js';

export function grainFor(from: string | null | undefined, to: string | null | undefined): TrendGrain {
  const a = from ? dayNumber(from) : null;
  const b = to ? dayNumber(to) : null;
  if (a === null || b === null) return 'month';
  const days = b - a + 1;
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

/** The grain of a filter's trend, given the data's dates once the facet counts have said them. */
export function trendGrain(filter: MetricFilter, all: DimensionsResponse | undefined): TrendGrain {
  return grainFor(filter.from ?? all?.first_date, filter.to ?? all?.last_date);
}

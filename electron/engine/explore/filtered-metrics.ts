// getMetrics under a filter and with a comparison: the same metric modules as the unfiltered answer,
// fed by a scan of the index instead of the summary tables.
import type Database from 'better-sqlite3';
import { comparisonRange, isEmptyFilter, type CompareSpec, type MetricFilter } from '../../../shared/filter.js';
import type { MetricsResponse } from '../../../shared/metrics.js';
import { finalizeMetrics } from '../metrics/index.js';
import { readMetricsResponse } from '../query/metrics.js';
import type { EventIndex } from './event-index.js';
import { compileSelection } from './selection.js';
import { daysWithoutData, scanMetrics } from './scan-metrics.js';

/**
 * Without a filter the summary tables answer (the CLI's plain `metrics` never builds the index). With an
 * empty one (the window always sends its filter) they answer too, and the index adds the coverage's
 * warnings, undated events and empty days, which the summaries do not hold.
 */
export function filteredMetrics(db: Database.Database, index: () => EventIndex, filter?: MetricFilter, compare?: CompareSpec): MetricsResponse {
  if (filter === undefined && !compare) return readMetricsResponse(db);
  if (isEmptyFilter(filter) && !compare) {
    const all = readMetricsResponse(db);
    const idx = index();
    const segs = idx.segmentList();
    const sel = compileSelection(idx.labels, {});
    return {
      ...all,
      coverage: {
        ...all.coverage,
        warnings: segs.reduce((n, s) => n + s.warnings, 0),
        undated_events: segs.reduce((n, s) => n + s.undated, 0),
        days_without_data: daysWithoutData(idx, sel),
      },
      filter: {},
    };
  }
  const f = filter ?? {};
  const idx = index();
  const main = scanMetrics(idx, compileSelection(idx.labels, f));
  const out: MetricsResponse = { metrics: finalizeMetrics(main.totals), coverage: main.coverage, filter: f };
  if (compare) {
    const range = comparisonRange(f, compare);
    const other = scanMetrics(idx, compileSelection(idx.labels, f, { range }));
    out.compare = { ...range, metrics: finalizeMetrics(other.totals), coverage: other.coverage };
  }
  return out;
}

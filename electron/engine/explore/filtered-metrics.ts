// getMetrics under a filter and with a comparison: the same metric modules as the unfiltered answer,
// fed by a scan of the index instead of the summary tables.
import type Database from 'better-sqlite3';
import { comparisonRange, isEmptyFilter, type CompareSpec, type MetricFilter } from '../../../shared/filter.js';
import type { MetricsResponse } from '../../../shared/metrics.js';
import { finalizeMetrics } from '../metrics/index.js';
import { readMetricsResponse } from '../query/metrics.js';
import type { EventIndex } from './event-index.js';
import { compileSelection } from './selection.js';
import { scanMetrics } from './scan-metrics.js';

export function filteredMetrics(db: Database.Database, index: () => EventIndex, filter?: MetricFilter, compare?: CompareSpec): MetricsResponse {
  if (isEmptyFilter(filter) && !compare) return readMetricsResponse(db);
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

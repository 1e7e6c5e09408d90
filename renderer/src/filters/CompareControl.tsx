// Off, the previous period of the same length, or the same dates a year earlier. A comparison needs a
// date range, so without one the control says why it is off instead of sending a request the engine refuses.
import { comparisonRange, type MetricFilter } from '../../../shared/filter';
import { formatDate } from '../../../shared/format';
import type { CompareMode } from '../../../shared/url-state';

export function CompareControl({ value, filter, onChange }: { value?: CompareMode; filter: MetricFilter; onChange(v: CompareMode | undefined): void }) {
  const hasDates = Boolean(filter.from && filter.to);
  const range = value && hasDates ? comparisonRange(filter, value) : null;
  return (
    <div className="filter-control">
      <label className="filter-label" htmlFor="filter-compare">
        Compare
      </label>
      <select
        id="filter-compare"
        aria-label="Compare"
        value={value ?? 'off'}
        disabled={!hasDates}
        title={hasDates ? undefined : 'Choose a date range to compare it with another period'}
        onChange={(e) => onChange(e.target.value === 'off' ? undefined : (e.target.value as CompareMode))}
        data-testid="filter-compare"
      >
        <option value="off">Off</option>
        <option value="previous">Previous period</option>
        <option value="year">Same period last year</option>
      </select>
      {range && (
        <span className="filter-dates-text" data-testid="compare-dates">
          with {formatDate(range.from)} – {formatDate(range.to)}
        </span>
      )}
    </div>
  );
}

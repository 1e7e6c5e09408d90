import type { Coverage } from '../../../shared/metrics';
import { formatCount, formatDate, plural } from '../../../shared/format';
import { daysWithoutDataText } from '../view/day-list';

export function coverageText(c: Coverage): string {
  const range = c.first_date && c.last_date ? `${formatDate(c.first_date)} – ${formatDate(c.last_date)}` : 'No dated events';
  return `${range} · ${plural(c.files, 'file')} · ${plural(c.events, 'row')} · ${formatCount(c.rejected_rows)} rejected`;
}

/** What the numbers on screen are made of: it follows the filter (dates, files and rows of the selection). */
export function CoverageLine({ coverage, onRejected, range }: { coverage: Coverage; onRejected?: () => void; range?: { from?: string; to?: string } }) {
  const dates = range?.from && range.to ? `${formatDate(range.from)} – ${formatDate(range.to)}` : coverage.first_date && coverage.last_date ? `${formatDate(coverage.first_date)} – ${formatDate(coverage.last_date)}` : 'No dated events';
  const missing = daysWithoutDataText(coverage.days_without_data);
  return (
    <p className="coverage" data-testid="coverage">
      <span>
        <span className="coverage-label">Data from</span> <strong data-testid="coverage-range">{dates}</strong>
      </span>
      <span data-testid="coverage-files">{plural(coverage.files, 'file')}</span>
      <span data-testid="coverage-rows">{plural(coverage.events, 'row')}</span>
      {onRejected && coverage.rejected_rows > 0 ? (
        <button type="button" className="link-button" onClick={onRejected} data-testid="coverage-rejected">
          {formatCount(coverage.rejected_rows)} rejected
        </button>
      ) : (
        <span data-testid="coverage-rejected">{formatCount(coverage.rejected_rows)} rejected</span>
      )}
      {coverage.warnings !== undefined && <span data-testid="coverage-warnings">{plural(coverage.warnings, 'row')} kept with a warning</span>}
      {coverage.undated_events ? (
        // With a date range, rows without a valid date cannot be placed in it: say they are left out.
        <span data-testid="coverage-undated">
          {plural(coverage.undated_events, 'undated row')}
          {range?.from ? ' left out' : ''}
        </span>
      ) : null}
      {missing && (
        <span className="coverage-missing" data-testid="coverage-missing">
          {missing}
        </span>
      )}
    </p>
  );
}

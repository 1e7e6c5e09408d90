import type { Coverage } from '../../../shared/metrics';
import { formatCount, formatDate, plural } from '../../../shared/format';

export function coverageText(c: Coverage): string {
  const range = c.first_date && c.last_date ? `${formatDate(c.first_date)} – ${formatDate(c.last_date)}` : 'No dated events';
  return `${range} · ${plural(c.files, 'file')} · ${plural(c.events, 'row')} · ${formatCount(c.rejected_rows)} rejected`;
}

export function CoverageLine({ coverage, onRejected }: { coverage: Coverage; onRejected?: () => void }) {
  const range = coverage.first_date && coverage.last_date ? `${formatDate(coverage.first_date)} – ${formatDate(coverage.last_date)}` : 'No dated events';
  return (
    <p className="coverage" data-testid="coverage">
      <span>
        <span className="coverage-label">Data from</span> <strong data-testid="coverage-range">{range}</strong>
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
    </p>
  );
}

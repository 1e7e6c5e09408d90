// The drawer's header: the exact filter and conditions of the request, the value clicked, and the
// answer's totals beside the number they must equal.
import { chipsOf } from '../filters/FilterChips';
import { formatCount, formatNaira, formatPercent } from '../../../shared/format';
import { requestConditions, type DrillSpec, type DrillVariant } from './drill-spec';
import type { EventPages } from './use-event-pages';

export function filterWords(variant: DrillVariant): string {
  const parts = chipsOf(variant.request.filter ?? {}).map((c) => c.text);
  if (variant.request.filter?.from && !variant.request.filter.to) parts.unshift(`From ${variant.request.filter.from}`);
  if (variant.request.filter?.to && !variant.request.filter.from) parts.unshift(`To ${variant.request.filter.to}`);
  return parts.length ? parts.join(' · ') : 'All data (no filter)';
}

export function DrillHeader({ spec, variant, pages, otherTotal }: { spec: DrillSpec; variant: DrillVariant; pages: EventPages; otherTotal: number | null }) {
  const measured = variant.measure === 'amount' ? pages.amount : variant.measure === 'merchants' ? pages.merchants : pages.total;
  const fmt = (n: number) => (variant.measure === 'amount' ? formatNaira(n) : formatCount(n));
  const matches = variant.expected !== null && measured !== null ? Math.abs(measured - variant.expected) < 0.005 : null;
  // A failure rate's two lists: this one's total and the other's give the rate clicked.
  const failed = spec.rate !== undefined && pages.total !== null && otherTotal !== null ? (variant.request.status?.[0] === 'FAILED' ? [pages.total, otherTotal] : [otherTotal, pages.total]) : null;
  return (
    <header className="drill-header">
      <h2 id="drill-title">
        {spec.metric}: <span data-testid="drill-clicked">{spec.clicked}</span>
      </h2>
      <p className="drill-filter" data-testid="drill-filter">
        <strong>Filter:</strong> {filterWords(variant)}
      </p>
      {requestConditions(variant.request).length > 0 && (
        <p className="drill-filter" data-testid="drill-conditions">
          <strong>Events:</strong> {requestConditions(variant.request).join(' · ')}
        </p>
      )}
      <p className="drill-counts" aria-live="polite" data-testid="drill-counts" data-ready={pages.total !== null ? 'true' : 'false'}>
        {pages.total === null ? (
          'Counting…'
        ) : (
          <>
            <span data-testid="drill-total">{formatCount(pages.total)}</span> {pages.total === 1 ? 'event' : 'events'} ·{' '}
            <span data-testid="drill-merchants">{formatCount(pages.merchants ?? 0)}</span> {pages.merchants === 1 ? 'merchant' : 'merchants'} ·{' '}
            <span data-testid="drill-amount">{formatNaira(pages.amount ?? 0)}</span> in amounts
            {matches !== null && (
              <span className={matches ? 'drill-match' : 'drill-mismatch'} data-testid="drill-match" data-match={matches ? 'true' : 'false'}>
                {' '}
                — {variant.measure === 'amount' ? 'the volume' : 'the merchant count'} {matches ? 'equals' : 'differs from'} the clicked {fmt(variant.expected!)}
              </span>
            )}
            {failed && (
              <span data-testid="drill-rate">
                {' '}
                — {formatCount(failed[0])} failed, {formatCount(failed[1])} successful: {formatPercent(failed[0] + failed[1] ? Math.round((failed[0] / (failed[0] + failed[1])) * 1000) / 10 : null)}
              </span>
            )}
          </>
        )}
      </p>
    </header>
  );
}

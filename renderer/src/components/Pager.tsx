import { formatCount } from '../../../shared/format';

export function Pager({ offset, limit, total, onPage, label }: { offset: number; limit: number; total: number; onPage(offset: number): void; label: string }) {
  if (total <= limit) return null;
  const first = offset + 1;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button-quiet" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>
        ← Previous
      </button>
      <span data-testid="pager-range">
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
      </span>
      <button type="button" className="button button-quiet" disabled={last >= total} onClick={() => onPage(offset + limit)}>
        Next →
      </button>
    </nav>
  );
}
